#pragma once

#include <QStringView>

/// The story the sandbox's demo worlds share: Northwind Analytics, a software company, its
/// customers (the companies of the Copper demo), the product areas of its backlog (pm415) and
/// of its DevRev parts, the engineering issues (DevRev issues, mirrored as pm415 bugs) and the
/// symptoms customers report (DevRev tickets, pm415 bugs).
namespace DemoStory {

/// Product areas: pm415 backlogs and DevRev capabilities, in this order.
inline constexpr QStringView Areas[] = {
    u"Platform", u"Reporting & Exports", u"Integrations",     u"Identity & Access", u"Web app",
    u"Billing",  u"2024 Q4 hardening",   u"Labs experiments",
};

/// Northwind Analytics' people: the Copper account's users and the engineers. The first is
/// the one whose credentials the sandbox hands out where a vendor has per-user tokens.
struct Person
{
    QStringView first;
    QStringView last;
    QStringView email;
    QStringView title;
};
inline constexpr Person People[] = {
    {u"Priya", u"Raman", u"priya.raman@linkloom.example", u"Head of Product"},
    {u"Marcus", u"Oyelaran", u"marcus.oyelaran@linkloom.example", u"Staff Engineer"},
    {u"Sofia", u"Lindqvist", u"sofia.lindqvist@linkloom.example", u"Product Manager"},
    {u"Kenji", u"Nakamura", u"kenji.nakamura@linkloom.example", u"Backend Engineer"},
    {u"Lena", u"Fischer", u"lena.fischer@linkloom.example", u"Frontend Engineer"},
    {u"Omar", u"Haddad", u"omar.haddad@linkloom.example", u"Integrations Engineer"},
    {u"Tom", u"Becker", u"tom.becker@linkloom.example", u"Support Lead"},
    {u"Dana", u"Whitfield", u"demo@linkloom.example", u"Account Executive"},
};

struct Problem
{
    QStringView title;
    int area; ///< index into Areas
};
// Engineering issues, many of them mirrored from DevRev issues.
inline constexpr Problem Bugs[] = {
    {u"Export to CSV drops non-ASCII names", 1},
    {u"PDF export cuts off the last table column", 1},
    {u"Scheduled report e-mails arrive twice after the DST change", 1},
    {u"Dashboard filters reset after browser back navigation", 4},
    {u"SAML login loops when the IdP clock is skewed", 3},
    {u"SCIM deprovisioning leaves API tokens active", 3},
    {u"Chart tooltips show UTC instead of the workspace time zone", 4},
    {u"Salesforce connector stops syncing after a token refresh", 2},
    {u"Snowflake sync fails on columns named like reserved words", 2},
    {u"Invoice PDF shows the wrong VAT rate for Austrian customers", 5},
    {u"Usage meter double-counts API calls retried after a 429", 5},
    {u"Password reset link expires immediately in Safari", 3},
    {u"Cohort report over 12 months times out", 0},
    {u"German translation truncates button labels", 4},
    {u"Keyboard focus lost in the date range picker", 4},
    {u"Screen reader announces table headers twice", 4},
    {u"Audit log export misses events from the last hour", 0},
    {u"Webhook retries ignore Retry-After", 2},
    {u"CSV re-import creates duplicate rows", 1},
    {u"Dark mode: axis labels unreadable", 4},
    {u"Embedded dashboards ignore row-level permissions", 3},
    {u"Onboarding checklist stuck at 80%", 4},
    {u"Trial workspace not converted after payment", 5},
    {u"EU workspace backups written to us-east-1", 0},
    {u"Map widget fails for postal codes with spaces", 4},
    {u"Number format ignores the locale's thousands separator", 1},
    {u"BigQuery connector leaks temporary tables", 2},
    {u"Alert rules fire for archived metrics", 0},
    {u"API pagination skips records with identical timestamps", 0},
    {u"Importing an XLSX over 20 MB hangs", 1},
    {u"Role change takes effect only after signing in again", 3},
    {u"Custom domain certificate renewal fails silently", 0},
    {u"Sharing link opens with the owner's filters", 4},
    {u"Search ignores accents (Müller vs Muller)", 4},
    {u"Time series chart drops the last day of the month", 4},
    {u"Pivot table leaks memory on large datasets", 6},
    {u"Flash chart fallback shown in Chrome", 6},
    {u"Kafka spike drops messages on rebalance", 7},
};

// Symptoms that customers report (through DevRev tickets), with the backlog they belong to.
inline constexpr Problem CustomerSymptoms[] = {
    {u"dashboard times out over 90 days of data", 0},
    {u"SSO users cannot open shared reports", 3},
    {u"nightly export job missing since the upgrade", 1},
    {u"invoice still lists seats from the old plan", 5},
    {u"HubSpot connector duplicates contacts", 2},
    {u"scheduled report sent to removed users", 1},
    {u"cannot invite users with a plus sign in the e-mail address", 3},
    {u"chart colours differ between the web app and PDF", 1},
    {u"usage dashboard shows yesterday's numbers", 5},
    {u"onboarding e-mails arrive in English for German users", 4},
};

// Customers in Copper (sandbox/copperdemo.cpp), so that the systems tell one story.
inline constexpr QStringView Customers[] = {
    u"Lumen Labs",           u"Harborview Health",       u"Keystone Robotics",
    u"Bluepeak Analytics",   u"Ironbridge Logistics",    u"Cobalt Ridge Software",
    u"Summit Lane Capital",  u"Tidewell Insurance",      u"Halcyon Biotech",
    u"Kestrel Data Systems", u"Meridian Freight",        u"Falconer Aerospace",
    u"Nimbus Cloudworks",    u"Riverstone Credit Union", u"Evergreen Dental Group",
    u"Clearwater Labs",
};

} // namespace DemoStory
