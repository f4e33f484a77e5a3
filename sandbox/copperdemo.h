#pragma once

#include <QString>

class CopperWorld;

/// Fills `world` with the deterministic demo account for `seed` (no clock, no other input).
///
/// `scale` 0: 40 companies, 120 people, 60 opportunities, 20 projects, 80 tasks, 30 leads and 5
/// users (the first is the API key's owner, `ownerEmail`), with related items that respect seed
/// 001's rules. Ids start at realistic values (companies 13358412, people 27140359,
/// opportunities 4417020, ...) and leave gaps; the first lead and the first project both have id
/// 208105, since Copper ids are unique per type only.
/// `scale` N > 0: about N records in the same proportions and of the same kinds (the demo's
/// names first, then generated ones), for benchmarks.
/// Either way: custom field definitions of every data type, six of them Connect fields (person
/// to person, company to company, opportunity to company, project to person, company to user,
/// lead to person), and mirrored Connect-field links on a share of the records.
void populateCopperDemo(CopperWorld &world, quint32 seed, const QString &ownerEmail, int scale = 0);
