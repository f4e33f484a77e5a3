#pragma once

#include <QtGlobal>

class LaserficheWorld;

/// Fills `world` with Northwind Analytics' deterministic document repository for `seed` (no
/// clock, no other input). The root holds "Customers" (a folder per customer, with the names of
/// Copper's demo companies: a master services agreement and its signed PDF, statements of work,
/// order forms, amendments, e-mails and an "Invoices" subfolder) and "Northwind Analytics"
/// (Legal: the standard terms every agreement links to, more than 100 links, some with custom
/// properties; Templates; Key Accounts: shortcuts). Seven link definitions, three templates.
/// Halcyon Biotech's "Amendment 2 (draft)" is locked (checked out for legal review).
///
/// `scale` 0: about 450 entries and 700 links. `scale` N > 0: about N entries (customers
/// named after the same companies with a number), with links of every kind.
void populateLaserficheDemo(LaserficheWorld &world, quint32 seed, int scale = 0);

/// Ids of landmarks of the demo world, stable for every seed and scale.
namespace LaserficheDemo {
inline constexpr qint32 RootFolderId = 1;
inline constexpr qint32 CustomersFolderId = 2;
inline constexpr qint32 CompanyFolderId = 3;
inline constexpr qint32 LegalFolderId = 4;
/// "Northwind Analytics Standard Terms 2024": linked from every agreement (> 100 links).
inline constexpr qint32 StandardTermsId = 5;
} // namespace LaserficheDemo
