#include "sandbox/pm415demo.h"

#include "sandbox/demodice.h"
#include "sandbox/demostory.h"
#include "sandbox/pm415world.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using enum Pm415Type;

/// Every date derives from this day (2025-01-01), never from the clock.
const QDate BaseDate(2025, 1, 1);

QDateTime day(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC);
}

QDateTime dayFromBase(int days)
{
    return day(BaseDate.addDays(days));
}

// The statuses of pm415's seed (statuses table, per owner table).
enum : qint64 {
    ItemUnplanned = 1,
    ItemPlanned,
    ItemDoing,
    ItemDone,
    BacklogUnplanned = 5,
    BacklogPlanned,
    BacklogDoing,
    BacklogDone,
    MustHave = 9,
    ShouldHave,
    CouldHave,
    WontHave,
    WillFix = 13,
    WontFix,
    Fixing,
    Fixed
};

struct UserSeed
{
    qint64 id;
    QStringView first;
    QStringView last;
    QStringView email;
};
// Northwind Analytics' people; the first is the API key's owner. The names are the Copper
// account's users, plus engineers.
constexpr UserSeed Users[] = {
    {Pm415DemoUserId, u"Priya", u"Raman", u"priya.raman@linkloom.example"},
    {14, u"Marcus", u"Oyelaran", u"marcus.oyelaran@linkloom.example"},
    {16, u"Sofia", u"Lindqvist", u"sofia.lindqvist@linkloom.example"},
    {19, u"Kenji", u"Nakamura", u"kenji.nakamura@linkloom.example"},
    {21, u"Lena", u"Fischer", u"lena.fischer@linkloom.example"},
    {22, u"Omar", u"Haddad", u"omar.haddad@linkloom.example"},
    {25, u"Tom", u"Becker", u"tom.becker@linkloom.example"},
    {27, u"Dana", u"Whitfield", u"demo@linkloom.example"},
};
constexpr qint64 ProductManagers[] = {13, 16};
constexpr qint64 Engineers[] = {14, 19, 21, 22};
constexpr qint64 Reporters[] = {25, 27, 22, 13};

struct InitiativeSeed
{
    QStringView title;
    qint64 status;
    QDate horizon; // invalid: none
    bool archived;
    qint64 organization;
    QStringView description;
};
const InitiativeSeed Initiatives[] = {
    {u"Self-serve onboarding",
     MustHave,
     {2025, 3, 31},
     false,
     Pm415DemoOrgId,
     u"Let a new workspace go from sign-up to its first dashboard without talking to us."},
    {u"EU data residency",
     MustHave,
     {2025, 6, 30},
     false,
     Pm415DemoOrgId,
     u"Host EU customers' data and backups in Frankfurt, as promised in the Q2 renewals."},
    {u"SSO and SCIM on every plan",
     ShouldHave,
     {2025, 5, 31},
     false,
     Pm415DemoOrgId,
     u"SAML SSO and SCIM provisioning without the Enterprise upsell; asked for in most security "
     u"reviews."},
    {u"Usage-based billing",
     ShouldHave,
     {2025, 9, 30},
     false,
     Pm415DemoOrgId,
     u"Bill API calls and stored rows monthly, next to seats."},
    {u"Dashboard performance at scale",
     MustHave,
     {2025, 4, 30},
     false,
     Pm415DemoOrgId,
     u"Dashboards over 50M rows load in under 3 s at the 95th percentile."},
    {u"Scheduled reports v2",
     ShouldHave,
     {2025, 7, 31},
     false,
     Pm415DemoOrgId,
     u"Time-zone aware schedules, PDF and XLSX attachments, per-recipient filters."},
    {u"Data connectors marketplace",
     CouldHave,
     {2025, 12, 31},
     false,
     Pm415DemoOrgId,
     u"Partner-built connectors, listed and installed from inside the app."},
    {u"Accessibility: WCAG 2.2 AA",
     ShouldHave,
     {2025, 8, 31},
     false,
     Pm415DemoOrgId,
     u"Meet WCAG 2.2 AA across the web app; required by public-sector buyers."},
    {u"Audit log and compliance exports",
     MustHave,
     {2025, 5, 31},
     false,
     Pm415DemoOrgId,
     u"Every admin action in an exportable, tamper-evident audit log."},
    {u"AI-assisted insights",
     CouldHave,
     {2025, 11, 30},
     false,
     Pm415DemoOrgId,
     u"Explain anomalies in plain language next to the chart."},
    {u"Localization: German and French",
     CouldHave,
     {2025, 10, 31},
     false,
     Pm415DemoOrgId,
     u"Translate the web app and e-mails; locale-aware number and date formats."},
    {u"Customer health scores",
     ShouldHave,
     {2025, 6, 30},
     false,
     Pm415DemoOrgId,
     u"Usage signals per account, shared with Customer Success and the CRM."},
    {u"Mobile companion app",
     WontHave,
     {},
     false,
     Pm415DemoOrgId,
     u"Read-only dashboards on iOS and Android; parked until phone usage grows."},
    {u"On-premises installer",
     WontHave,
     {},
     true,
     Pm415DemoOrgId,
     u"Self-hosted installer for regulated customers; replaced by EU data residency."},
    {u"Retire legacy Flash charts",
     MustHave,
     {2024, 9, 30},
     true,
     Pm415DemoOrgId,
     u"Done: every chart renders with the SVG engine."},
    {u"Streaming ingestion prototype",
     CouldHave,
     {2025, 9, 30},
     false,
     Pm415LabsOrgId,
     u"Ingest events from Kafka with under a minute of delay."},
    {u"Notebook-style analysis",
     CouldHave,
     {},
     false,
     Pm415LabsOrgId,
     u"Cells of queries, charts and notes, shareable like dashboards."},
    {u"GPU query engine research",
     WontHave,
     {},
     true,
     Pm415LabsOrgId,
     u"Closed: joins were not the bottleneck."},
};

struct BacklogSeed
{
    QStringView title;
    qint64 status;
    bool archived;
    qint64 organization;
    QList<int> initiatives; // indexes into Initiatives: what the backlog delivers
    QList<QStringView> items;
};
const BacklogSeed Backlogs[] = {
    {u"Platform",
     BacklogDoing,
     false,
     Pm415DemoOrgId,
     {1, 4, 8},
     {u"Provision the Frankfurt region for EU workspaces",
      u"Route EU workspaces to the EU database cluster", u"Encrypt backups with per-region keys",
      u"Move nightly backups of EU workspaces to EU storage",
      u"Add read replicas for the query service", u"Cache compiled queries per dashboard",
      u"Partition the events table by month", u"Rate-limit the public API per token",
      u"Write audit events for admin actions", u"Chain checksums through audit log exports",
      u"Upgrade PostgreSQL from 13 to 16", u"Alert on replication lag over 30 seconds",
      u"Load-test dashboards with 50M-row datasets",
      u"Retention policy for raw events (400 days)"}},
    {u"Reporting & Exports",
     BacklogDoing,
     false,
     Pm415DemoOrgId,
     {5, 4, 10},
     {u"Export to CSV in UTF-8 with a BOM for Excel", u"Export to XLSX with native number formats",
      u"PDF export: repeat table headers on every page", u"Time-zone aware report schedules",
      u"Per-recipient filters on scheduled reports", u"Attach XLSX to scheduled report e-mails",
      u"Retry failed report deliveries with back-off",
      u"Stream large CSV exports instead of buffering them",
      u"Locale-aware number formats in exports", u"Show the last delivery status of each schedule",
      u"Let viewers unsubscribe from a scheduled report",
      u"Embed dashboard snapshots in report e-mails"}},
    {u"Integrations",
     BacklogPlanned,
     false,
     Pm415DemoOrgId,
     {6, 0},
     {u"Salesforce connector: refresh tokens before they expire",
      u"HubSpot connector: incremental sync by updatedAt",
      u"Snowflake connector: quote reserved column names",
      u"BigQuery connector: clean up temporary tables",
      u"Connector SDK: manifest and packaging format",
      u"Marketplace listing page for partner connectors", u"Webhook deliveries honour Retry-After",
      u"Copper CRM connector (beta)", u"Sync status panel per connector",
      u"Connector health alerts by e-mail", u"OAuth app review checklist for partners"}},
    {u"Identity & Access",
     BacklogDoing,
     false,
     Pm415DemoOrgId,
     {2, 8},
     {u"SAML SSO on the Team plan", u"SCIM 2.0 user provisioning",
      u"SCIM deprovisioning revokes API tokens", u"Enforce SSO for all members",
      u"Tolerate IdP clock skew of up to 3 minutes", u"Role changes apply without signing in again",
      u"Audit log entries for role changes", u"Session timeout policy per workspace",
      u"Two-factor authentication with TOTP", u"Domain verification for SSO"}},
    {u"Web app",
     BacklogDoing,
     false,
     Pm415DemoOrgId,
     {0, 7, 10, 9},
     {u"Onboarding checklist with progress", u"Sample dataset for new workspaces",
      u"Guided first dashboard", u"Keyboard navigation in the date range picker",
      u"Screen reader labels for chart legends", u"High-contrast theme",
      u"Dark mode axis and label colours", u"Keep dashboard filters on back navigation",
      u"German translation of the web app", u"French translation of the web app",
      u"Explain this anomaly (preview)", u"Search that ignores accents",
      u"Sharing links open with the viewer's own filters"}},
    {u"Billing",
     BacklogPlanned,
     false,
     Pm415DemoOrgId,
     {3, 11},
     {u"Meter API calls per workspace", u"Meter stored rows daily", u"Usage line items on invoices",
      u"Do not count retried API calls twice", u"Prorate plan changes", u"VAT rates per EU country",
      u"Convert trials automatically after payment", u"Usage dashboard for workspace admins",
      u"Health score input: weekly active users", u"Export health scores to Copper CRM"}},
    {u"2024 Q4 hardening",
     BacklogDone,
     true,
     Pm415DemoOrgId,
     {14, 4},
     {u"Replace Flash charts with the SVG renderer", u"Fix the memory leak in the pivot table",
      u"Move TLS configuration to Mozilla intermediate", u"Rotate all service credentials",
      u"Remove deprecated v1 API endpoints", u"Penetration test follow-ups (Q4 2024)"}},
    {u"Labs experiments",
     BacklogUnplanned,
     false,
     Pm415LabsOrgId,
     {15, 16, 17},
     {u"Kafka ingestion spike", u"Notebook cell model prototype", u"Benchmark GPU joins on TPC-H",
      u"Streaming aggregates over one-minute windows"}},
};

// Items that belong to an initiative rather than a backlog (%1: the initiative, %2: a customer).
constexpr QStringView InitiativeItemTemplates[] = {
    u"Define success metrics: %1", u"Customer interviews: %1 (%2)", u"Technical design review: %1",
    u"Pricing and packaging: %1",  u"Launch announcement: %1",      u"Support playbook: %1",
    u"Beta programme with %2: %1",
};

// The engineering issues, customers' symptoms and customers the systems share.
using BugSeed = DemoStory::Problem;
using DemoStory::Bugs;
using DemoStory::Customers;
using DemoStory::CustomerSymptoms;

QString mailer(qint64 userId)
{
    const auto user = std::ranges::find(Users, userId, &UserSeed::id);
    return user == std::end(Users) ? QString() : u'!' + user->email.toString() + u'!';
}

/// Builds the records of one world with the id sequences and defaults that both the demo and
/// the generated worlds use.
class Builder
{
public:
    Builder(Pm415World &world, DemoDice &dice)
        : m_world(world)
        , m_dice(dice)
    { }

    qint64 initiative(const QString &title, qint64 status, std::optional<QDateTime> horizon,
                      bool archived, qint64 organization, const QString &description)
    {
        Pm415Record record = common(m_initiativeIds, title, description, organization,
                                    m_dice.pick(ProductManagers), archived);
        record.statusId = status;
        record.horizon = std::move(horizon);
        record.popularity = m_dice.below(41);
        record.orderIndex = m_initiativeOrder++ % 128;
        record.mailers = mailer(record.createdBy);
        m_world.insert(Initiative, record);
        return record.id;
    }

    qint64 backlog(const QString &title, qint64 status, bool archived, qint64 organization)
    {
        Pm415Record record = common(m_backlogIds, title, u"Owned by the %1 team."_s.arg(title),
                                    organization, m_dice.pick(ProductManagers), archived);
        record.statusId = status;
        record.assignee = m_dice.pick(Engineers);
        record.points = QString::number(m_dice.between(4, 40) * 5);
        const int planned = m_dice.between(-120, 30);
        record.plannedOn = dayFromBase(planned);
        record.forecastedRelease = dayFromBase(planned + m_dice.between(60, 180));
        if (status == BacklogDone)
            record.actualRelease = dayFromBase(planned + m_dice.between(50, 120));
        m_world.insert(Backlog, record);
        return record.id;
    }

    /// An item of `owner` (a backlog or an initiative); archived when `archived` or, for some
    /// finished items, by chance.
    qint64 item(const QString &title, Pm415Ref owner, qint64 organization, bool done, bool archived)
    {
        static constexpr qint64 Statuses[]
            = {ItemUnplanned, ItemPlanned, ItemPlanned, ItemDoing, ItemDoing, ItemDone};
        const qint64 status = done ? ItemDone : m_dice.pick(Statuses);
        Pm415Record record = common(
            m_itemIds, title,
            m_dice.chance(30) ? QString() : u"Acceptance: %1."_s.arg(title.toLower()), organization,
            m_dice.pick(ProductManagers), archived || (status == ItemDone && m_dice.chance(30)));
        record.statusId = status;
        record.assignee = m_dice.chance(80) ? std::optional(m_dice.pick(Engineers)) : std::nullopt;
        record.storyPoints = m_dice.pick({0, 1, 2, 3, 5, 8, 13});
        record.ownerId = owner.id;
        record.ownerTable = pm415Plural(owner.type);
        record.orderIndex = ++m_itemOrder[owner] % 128;
        if (status != ItemUnplanned) {
            const int planned = m_dice.between(-90, 45);
            record.plannedOn = dayFromBase(planned);
            record.forecastedRelease = dayFromBase(planned + m_dice.between(14, 90));
            if (status == ItemDone)
                record.actualRelease = dayFromBase(planned + m_dice.between(10, 100));
        }
        record.mailers
            = mailer(record.createdBy) + (record.assignee ? mailer(*record.assignee) : QString());
        m_world.insert(Item, record);
        return record.id;
    }

    qint64 bug(const QString &title, const QString &description, qint64 organization, bool fixed)
    {
        static constexpr qint64 Statuses[] = {WillFix, WillFix, WontFix, Fixing, Fixing, Fixed};
        const qint64 status = fixed ? Fixed : m_dice.pick(Statuses);
        Pm415Record record
            = common(m_bugIds, title, description, organization, m_dice.pick(Reporters),
                     fixed || (status == Fixed && m_dice.chance(40)));
        record.statusId = status;
        record.severity = m_dice.pick(
            {u"P0"_s, u"P1"_s, u"P1"_s, u"P2"_s, u"P2"_s, u"P2"_s, u"P2"_s, u"P3"_s, u"P3"_s});
        record.assignee = m_dice.chance(80) ? std::optional(m_dice.pick(Engineers)) : std::nullopt;
        record.reportedBy = m_dice.chance(75) ? std::optional(m_dice.pick({25, 27})) : std::nullopt;
        record.mailers = mailer(record.createdBy);
        m_world.insert(Bug, record);
        return record.id;
    }

private:
    Pm415Record common(DemoIdSequence &ids, const QString &title, const QString &description,
                       qint64 organization, qint64 createdBy, bool archived)
    {
        Pm415Record record;
        record.id = ids.next(m_dice);
        record.organizationId = organization;
        record.title = title;
        record.description = description;
        record.createdBy = createdBy;
        record.archived = archived ? 1 : 0;
        return record;
    }

    Pm415World &m_world;
    DemoDice &m_dice;
    DemoIdSequence m_initiativeIds{21, 2};
    DemoIdSequence m_backlogIds{11, 2};
    DemoIdSequence m_itemIds{40, 3};
    DemoIdSequence m_bugIds{6, 3};
    int m_initiativeOrder = 0;
    std::map<Pm415Ref, int> m_itemOrder;
};

void populateDemo(Pm415World &world, Builder &build, DemoDice &dice)
{
    QList<qint64> initiatives;
    for (const InitiativeSeed &seed : Initiatives) {
        initiatives.append(build.initiative(
            seed.title.toString(), seed.status,
            seed.horizon.isValid() ? std::optional(day(seed.horizon)) : std::nullopt, seed.archived,
            seed.organization, seed.description.toString()));
    }

    // Backlogs, their items and what they deliver.
    QList<qint64> backlogs;
    QList<QList<qint64>> backlogItems;
    for (const BacklogSeed &seed : Backlogs) {
        const qint64 backlog
            = build.backlog(seed.title.toString(), seed.status, seed.archived, seed.organization);
        backlogs.append(backlog);
        for (int initiative : seed.initiatives)
            world.connect({Backlog, backlog}, {Initiative, initiatives.at(initiative)});
        QList<qint64> &items = backlogItems.emplace_back();
        for (QStringView title : seed.items) {
            const qint64 item = build.item(title.toString(), {Backlog, backlog}, seed.organization,
                                           seed.status == BacklogDone, seed.archived);
            items.append(item);
            if (dice.chance(65)) {
                world.connect({Item, item},
                              {Initiative, initiatives.at(dice.pick(seed.initiatives))});
            }
        }
    }

    // Items of the initiatives themselves; some also sit in a backlog that delivers them.
    for (qsizetype i = 0; i < initiatives.size(); ++i) {
        const InitiativeSeed &seed = Initiatives[i];
        if (seed.archived || seed.organization != Pm415DemoOrgId)
            continue;
        QList<int> templates = {0, 1, 2, 3, 4, 5, 6};
        for (int n = 0; n < 4; ++n) {
            const int pick = templates.takeAt(dice.below(int(templates.size())));
            const QString title = InitiativeItemTemplates[pick]
                                      .toString()
                                      .replace(u"%1"_s, seed.title.toString())
                                      .replace(u"%2"_s, dice.pick(Customers).toString());
            const qint64 item
                = build.item(title, {Initiative, initiatives.at(i)}, Pm415DemoOrgId, false, false);
            QList<qsizetype> delivering;
            for (qsizetype b = 0; b < std::ssize(Backlogs); ++b) {
                if (Backlogs[b].initiatives.contains(int(i)) && !Backlogs[b].archived)
                    delivering.append(b);
            }
            if (!delivering.isEmpty() && dice.chance(40))
                world.connect({Item, item}, {Backlog, backlogs.at(dice.pick(delivering))});
        }
    }

    // Bugs: engineering issues and customers' reports, tied to the work that fixes them.
    const auto connectBug = [&](qint64 bug, int area) {
        if (dice.chance(60))
            world.connect({Bug, bug}, {Item, dice.pick(backlogItems.at(area))});
        if (dice.chance(35))
            world.connect({Bug, bug},
                          {Initiative, initiatives.at(dice.pick(Backlogs[area].initiatives))});
        if (dice.chance(30))
            world.connect({Bug, bug}, {Backlog, backlogs.at(area)});
    };
    for (const BugSeed &seed : Bugs) {
        const bool old = Backlogs[seed.area].archived;
        const qint64 bug = build.bug(
            seed.title.toString(), u"Steps to reproduce and logs are in the linked DevRev issue."_s,
            Backlogs[seed.area].organization, old);
        connectBug(bug, seed.area);
    }
    QSet<QString> titles;
    while (titles.size() < 32) {
        const QStringView customer = dice.pick(Customers);
        const BugSeed &symptom = dice.pick(CustomerSymptoms);
        const QString title = customer + u": "_s + symptom.title;
        if (titles.contains(title))
            continue;
        titles.insert(title);
        const qint64 bug
            = build.bug(title, u"Reported by %1 through a DevRev support ticket."_s.arg(customer),
                        Pm415DemoOrgId, false);
        connectBug(bug, symptom.area);
    }
}

/// About `scale` records in Northwind Analytics: 2.5% initiatives, 0.5% backlogs, 30% bugs and
/// the rest items, connected as in the demo.
void populateScaled(Pm415World &world, Builder &build, DemoDice &dice, int scale)
{
    const int initiativeCount = std::max(3, scale / 40);
    const int backlogCount = std::max(2, scale / 200);
    const int bugCount = scale * 3 / 10;
    const int itemCount = std::max(0, scale - initiativeCount - backlogCount - bugCount);

    QList<qint64> initiatives;
    for (int i = 0; i < initiativeCount; ++i) {
        const InitiativeSeed &seed = dice.pick(Initiatives);
        initiatives.append(build.initiative(u"%1 #%2"_s.arg(seed.title).arg(i + 1), seed.status,
                                            dayFromBase(dice.between(-30, 365)), dice.chance(5),
                                            Pm415DemoOrgId, seed.description.toString()));
    }
    QList<qint64> backlogs;
    for (int i = 0; i < backlogCount; ++i) {
        const BacklogSeed &seed = dice.pick(Backlogs);
        backlogs.append(build.backlog(u"%1 #%2"_s.arg(seed.title).arg(i + 1), seed.status,
                                      dice.chance(5), Pm415DemoOrgId));
        for (int n = 0; n < 2; ++n)
            world.connect({Backlog, backlogs.last()}, {Initiative, dice.pick(initiatives)});
    }
    QList<qint64> items;
    items.reserve(itemCount);
    for (int i = 0; i < itemCount; ++i) {
        const BacklogSeed &area = dice.pick(Backlogs);
        const Pm415Ref owner = dice.chance(80) ? Pm415Ref{Backlog, dice.pick(backlogs)}
                                               : Pm415Ref{Initiative, dice.pick(initiatives)};
        items.append(build.item(u"%1 #%2"_s.arg(dice.pick(area.items)).arg(i + 1), owner,
                                Pm415DemoOrgId, false, false));
        if (dice.chance(60))
            world.connect({Item, items.last()}, {Initiative, dice.pick(initiatives)});
    }
    for (int i = 0; i < bugCount; ++i) {
        const qint64 bug = build.bug(u"%1 #%2"_s.arg(dice.pick(Bugs).title).arg(i + 1),
                                     u"Generated bug."_s, Pm415DemoOrgId, false);
        if (!items.isEmpty() && dice.chance(55))
            world.connect({Bug, bug}, {Item, dice.pick(items)});
        if (dice.chance(30))
            world.connect({Bug, bug}, {Initiative, dice.pick(initiatives)});
        if (dice.chance(20))
            world.connect({Bug, bug}, {Backlog, dice.pick(backlogs)});
    }
}

} // namespace

void populatePm415Demo(Pm415World &world, quint32 seed, int scale)
{
    DemoDice dice(seed);
    for (const UserSeed &user : Users)
        world.addUser(
            {user.id, user.email.toString(), user.first.toString(), user.last.toString()});
    world.addOrganization({Pm415DemoOrgId, u"Northwind Analytics"_s, u"Admin"_s});
    world.addOrganization({Pm415LabsOrgId, u"Northwind Labs"_s, u"Member"_s});
    world.addOrganization({Pm415PendingOrgId, u"Lumen Labs — shared roadmap"_s, u"Pending"_s});

    // The connections table's counter is past rows deleted long ago (seed 003's ids start at 7).
    world.setNextConnectionId(7);
    Builder build(world, dice);
    if (scale > 0)
        populateScaled(world, build, dice, scale);
    else
        populateDemo(world, build, dice);
}
