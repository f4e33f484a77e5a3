#pragma once

#include <QtGlobal>

class Pm415World;

/// The id of the API key's user (Priya Raman, product manager) in every pm415 world.
inline constexpr qint64 Pm415DemoUserId = 13;
/// Northwind Analytics, the organization that holds the demo's product backlog (Admin).
inline constexpr qint64 Pm415DemoOrgId = 17;
/// Northwind Labs, a second organization the user is a Member of, with a few records.
inline constexpr qint64 Pm415LabsOrgId = 18;
/// An organization where the user's membership is still Pending: its lists answer 403.
inline constexpr qint64 Pm415PendingOrgId = 24;

/// Fills an empty `world` with the deterministic pm415 server for `seed` (no clock, no other
/// input). `scale` 0 is the demo: Northwind Analytics' product backlog with 15 initiatives,
/// 7 backlogs (one archived), about 130 items (user stories and tasks of the backlogs and the
/// initiatives), about 70 bugs (many mirroring DevRev issues and naming Copper customers) and
/// connections of all six kinds, plus a few records in Northwind Labs. `scale` N > 0 generates
/// about N records in Northwind Analytics instead, with connections, for benchmarks.
/// Ids start where a busy shared server's would (initiatives 21, backlogs 11, items 40, bugs 6,
/// connections 7) and leave gaps, so the same id is used by records of different types.
void populatePm415Demo(Pm415World &world, quint32 seed, int scale);
