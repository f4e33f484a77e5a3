#pragma once

#include <QtGlobal>

class DevRevWorld;

/// Fills `world` with Northwind Analytics' DevRev organization for `seed` (no clock, no other
/// input): its engineers and support staff (dev users; the first owns the sandbox token), its
/// products, capabilities, features and enhancements, its customers as accounts and rev orgs
/// (the companies of the Copper demo) with their contacts (rev users), the customers' support
/// tickets, engineering issues, tasks, opportunities and code changes, four custom link types
/// (one deprecated, with links made before it was) and links of every stock type, all within
/// DevRevWorld's rules. About 600 objects; `scale` > 0: about `scale` objects instead, with
/// about scale/2 links. Timestamps derive from 2025-01-01T00:00:00Z.
void populateDevRevDemo(DevRevWorld &world, quint32 seed, int scale);
