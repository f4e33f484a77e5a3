#include "sandbox/devrevdemo.h"

#include "sandbox/demodice.h"
#include "sandbox/demostory.h"
#include "sandbox/devrevworld.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

using enum DevRevKind;

/// Every timestamp derives from 2025-01-01T00:00:00Z, never from the clock.
const qint64 BaseMs = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
constexpr qint64 HourMs = 3600 * 1000;
constexpr int Capabilities = 6; ///< DemoStory::Areas served as capabilities; the rest map to 0

/// Features of each capability (DemoStory::Areas order).
constexpr QStringView Features[Capabilities][3] = {
    {u"Query engine", u"EU data residency", u"Audit log"},
    {u"CSV and XLSX export", u"Scheduled reports", u"PDF export"},
    {u"Salesforce connector", u"Warehouse connectors", u"Webhooks"},
    {u"SAML SSO", u"SCIM provisioning", u"Roles and permissions"},
    {u"Dashboards", u"Charts", u"Accessibility"},
    {u"Invoicing", u"Usage metering", u"Plans and trials"},
};
constexpr QStringView Enhancements[] = {
    u"Stream large exports",   u"Time-zone aware schedules",          u"Incremental HubSpot sync",
    u"SCIM group push",        u"Keyboard navigation for dashboards", u"Usage alerts",
    u"Per-region backup keys", u"Retry-After aware webhooks",
};
constexpr QStringView ContactFirst[] = {u"Alex",  u"Jordan", u"Sam",   u"Taylor", u"Morgan",
                                        u"Riley", u"Casey",  u"Jamie", u"Avery",  u"Quinn"};
constexpr QStringView ContactLast[] = {u"Park", u"Novak",  u"Silva", u"Okafor", u"Brennan",
                                       u"Ito",  u"Moreau", u"Kaur",  u"Walsh",  u"Costa"};
constexpr QLatin1StringView Priorities[] = {"p0"_L1, "p1"_L1, "p1"_L1, "p2"_L1, "p2"_L1, "p3"_L1};
constexpr QLatin1StringView Severities[]
    = {"blocker"_L1, "high"_L1, "medium"_L1, "medium"_L1, "low"_L1};
constexpr QLatin1StringView IssueStages[]
    = {"triage"_L1, "backlog"_L1, "in_development"_L1, "in_review"_L1, "completed"_L1};
constexpr QLatin1StringView TicketStages[]
    = {"queued"_L1, "work_in_progress"_L1, "awaiting_product_assist"_L1,
       "awaiting_customer_response"_L1, "resolved"_L1};
constexpr QStringView TaskTemplates[]
    = {u"Write a regression test: %1", u"Release note: %1", u"Reproduce on staging: %1"};

QString slug(QStringView name)
{
    QString result;
    for (QChar c : name) {
        if (c.isLetterOrNumber())
            result.append(c.toLower());
    }
    return result;
}

/// Builds the world in creation order; every link goes through DevRevWorld's rules.
class Builder
{
public:
    Builder(DevRevWorld &world, quint32 seed)
        : m_world(world)
        , m_dice(seed)
    { }

    DevRevWorld &world() { return m_world; }
    DemoDice &dice() { return m_dice; }
    qint64 tick(int hours = 1)
    {
        m_nowMs += hours * HourMs;
        return m_nowMs;
    }

    QString add(DevRevKind kind, QJsonObject fields)
    {
        const QString creator = m_devUsers.isEmpty() ? QString() : m_devUsers.constFirst();
        const QString id = m_world.addObject(kind, std::move(fields), tick(), creator).id;
        if (kind == DevUser)
            m_devUsers.append(id);
        return id;
    }
    QJsonArray owners(int count = 1)
    {
        QJsonArray result;
        for (int i = 0; i < count; ++i)
            result.append(m_world.summary(m_dice.pick(m_devUsers)));
        return result;
    }
    QJsonObject ref(const QString &id) const { return m_world.summary(id); }

    /// Adds the link when the rules allow it (a demo choice may collide with an earlier one).
    bool link(const QString &type, const QString &source, const QString &target,
              const QString &customType = {})
    {
        DevRevRefusal refusal;
        return m_world.createLink({type, source, target, customType}, devRevVisibleKinds(true),
                                  m_dice.pick(m_devUsers), tick(0) + m_dice.below(3600) * 1000,
                                  &refusal)
            != nullptr;
    }

    const QStringList &devUsers() const { return m_devUsers; }

private:
    DevRevWorld &m_world;
    DemoDice m_dice;
    qint64 m_nowMs = BaseMs;
    QStringList m_devUsers;
};

QJsonObject work(Builder &build, const QString &title, const QString &body, const QString &part)
{
    QJsonObject fields{{"title"_L1, title},
                       {"body"_L1, body},
                       {"owned_by"_L1, build.owners()},
                       {"reported_by"_L1, build.owners()}};
    if (!part.isEmpty())
        fields.insert("applies_to_part"_L1, build.ref(part));
    return fields;
}

QString addIssue(Builder &build, const QString &title, const QString &part)
{
    QJsonObject fields = work(build, title, u"Seen in production. Steps and logs below."_s, part);
    fields.insert("priority"_L1, build.dice().pick(Priorities));
    fields.insert("stage"_L1, QJsonObject{{"name"_L1, build.dice().pick(IssueStages)}});
    return build.add(Issue, fields);
}

QString addTicket(Builder &build, const QString &title, const QString &account,
                  const QString &revOrg, const QString &part)
{
    QJsonObject fields
        = work(build, title, u"Reported by the customer through the portal."_s, part);
    fields.insert("severity"_L1, build.dice().pick(Severities));
    fields.insert("stage"_L1, QJsonObject{{"name"_L1, build.dice().pick(TicketStages)}});
    if (!account.isEmpty())
        fields.insert("account"_L1, build.ref(account));
    if (!revOrg.isEmpty())
        fields.insert("rev_org"_L1, build.ref(revOrg));
    return build.add(Ticket, fields);
}

void addDevUsers(Builder &build)
{
    for (const DemoStory::Person &person : DemoStory::People) {
        const QString full = person.first.toString() + u' ' + person.last.toString();
        build.add(DevUser,
                  {{"display_name"_L1, QString(slug(person.first) + u'.' + slug(person.last))},
                   {"full_name"_L1, full},
                   {"email"_L1, person.email.toString()},
                   {"state"_L1, "active"_L1}});
    }
}

QString addPart(Builder &build, DevRevKind kind, QStringView name, const QString &description)
{
    return build.add(kind,
                     {{"name"_L1, name.toString()},
                      {"description"_L1, description},
                      {"owned_by"_L1, build.owners()}});
}

/// Custom link types: what Northwind Analytics added to DevRev's stock ones.
QStringList addCustomLinkTypes(Builder &build)
{
    struct Seed
    {
        QStringView name;
        QStringView forward;
        QStringView backward;
        QStringView tooltip;
        DevRevKinds sources;
        DevRevKinds targets;
    };
    static constexpr Seed Seeds[] = {
        {u"blocks_deal", u"blocks deal", u"is blocked by issue",
         u"An engineering issue standing between us and a signed deal", devRevBit(Issue),
         devRevBit(Opportunity)},
        {u"affects_account", u"affects", u"is affected by",
         u"A customer hit by an engineering issue", devRevBit(Issue), devRevBit(Account)},
        {u"escalated_to", u"is escalated to", u"handles escalation of",
         u"The engineer a support ticket was escalated to", devRevBit(Ticket), devRevBit(DevUser)},
        {u"on_roadmap", u"is on roadmap of", u"has on roadmap",
         u"Deprecated: the roadmap moved to pm415", devRevBit(Issue), DevRevParts},
    };
    QStringList ids;
    for (const Seed &seed : Seeds) {
        ids.append(build.world()
                       .addCustomLinkType({0,
                                           {},
                                           seed.name.toString(),
                                           seed.forward.toString(),
                                           seed.backward.toString(),
                                           seed.tooltip.toString(),
                                           seed.sources,
                                           seed.targets,
                                           false,
                                           build.tick()})
                       .id);
    }
    return ids;
}

void populateStory(Builder &build)
{
    DemoDice &dice = build.dice();
    addDevUsers(build);
    const QStringList customTypes = addCustomLinkTypes(build);

    const QString product = addPart(build, Product, u"Northwind Analytics",
                                    u"Self-service analytics for growing companies"_s);
    QList<QStringList> features; // per capability
    QStringList allFeatures;
    for (int area = 0; area < Capabilities; ++area) {
        const QString capability = addPart(build, Capability, DemoStory::Areas[area],
                                           u"Everything about %1"_s.arg(DemoStory::Areas[area]));
        build.link(u"is_part_of"_s, capability, product);
        QStringList mine;
        for (QStringView name : Features[area]) {
            const QString feature = addPart(build, Feature, name, name.toString());
            build.link(u"is_part_of"_s, feature, capability);
            mine.append(feature);
        }
        features.append(mine);
        allFeatures += mine;
    }
    for (QStringView name : Enhancements) {
        const QString enhancement = addPart(build, Enhancement, name, name.toString());
        build.link(u"is_part_of"_s, enhancement, dice.pick(allFeatures));
    }

    // Customers: an account and a rev org each, with two or three contacts.
    QStringList accounts, revOrgs, opportunities;
    QList<QStringList> contacts;
    for (QStringView customer : DemoStory::Customers) {
        const QString domain = slug(customer) + u".example"_s;
        accounts.append(build.add(Account,
                                  {{"display_name"_L1, customer.toString()},
                                   {"domains"_L1, QJsonArray{domain}},
                                   {"tier"_L1, dice.pick({u"Tier 1"_s, u"Tier 2"_s})},
                                   {"owned_by"_L1, build.owners()}}));
        revOrgs.append(build.add(RevOrg,
                                 {{"display_name"_L1, customer.toString()},
                                  {"description"_L1, u"Customer since 2023"_s}}));
        QStringList people;
        for (int i = dice.between(2, 4); i > 0; --i) {
            const QString first = dice.pick(ContactFirst).toString();
            const QString last = dice.pick(ContactLast).toString();
            people.append(
                build.add(RevUser,
                          {{"display_name"_L1, QString(slug(first) + u'.' + slug(last))},
                           {"full_name"_L1, QString(first + u' ' + last)},
                           {"email"_L1, QString(slug(first) + u'.' + slug(last) + u'@' + domain)},
                           {"state"_L1, "active"_L1},
                           {"rev_org"_L1, build.ref(revOrgs.constLast())}}));
        }
        contacts.append(people);
        QJsonObject deal = work(build, u"%1 — renewal 2025"_s.arg(customer),
                                u"Annual renewal; expansion to more seats likely."_s, product);
        deal.insert("account"_L1, build.ref(accounts.constLast()));
        opportunities.append(build.add(Opportunity, deal));
        build.link(u"is_related_to"_s, opportunities.constLast(), accounts.constLast());
    }

    // Engineering issues (mirrored as pm415 bugs), grouped under one quality push per area.
    QList<QStringList> issuesByArea(Capabilities);
    QStringList epics;
    for (int area = 0; area < Capabilities; ++area) {
        epics.append(addIssue(build, u"%1: quality push Q2"_s.arg(DemoStory::Areas[area]),
                              features[area].constFirst()));
    }
    QStringList issues;
    for (const DemoStory::Problem &bug : DemoStory::Bugs) {
        const int area = bug.area < Capabilities ? bug.area : 0;
        const QString feature = dice.pick(features[area]);
        const QString issue = addIssue(build, bug.title.toString(), feature);
        issues.append(issue);
        issuesByArea[area].append(issue);
        build.link(u"developed_with"_s, issue, feature);
        if (dice.chance(60))
            build.link(u"is_parent_of"_s, epics[area], issue);
        for (int i = dice.below(3); i > 0; --i) {
            const QString task = build.add(
                Task, work(build, dice.pick(TaskTemplates).toString().arg(bug.title), {}, feature));
            build.link(u"is_parent_of"_s, issue, task);
        }
        if (dice.chance(25)) {
            const QString followUp = addIssue(build, u"Follow-up: %1"_s.arg(bug.title), feature);
            build.link(u"is_follow_up_of"_s, followUp, issue);
            build.link(u"developed_with"_s, followUp, feature);
        }
        if (dice.chance(60)) {
            const QString change = build.add(
                CodeChange,
                {{"title"_L1, u"Fix: %1"_s.arg(bug.title)},
                 {"branch"_L1, u"fix/%1"_s.arg(slug(bug.title).left(24))},
                 {"target_branch"_L1, u"main"_s},
                 {"repo_url"_L1, u"https://git.northwind.example/analytics/app"_s},
                 {"commit_id"_L1, QString::number(quint64(dice.below(1 << 30)) * 7919, 16)}});
            build.link(u"is_dependent_on"_s, issue, change);
        }
        if (issues.size() > 3 && dice.chance(15))
            build.link(u"is_dependent_on"_s, issue, issues.at(dice.below(int(issues.size()) - 1)));
        if (dice.chance(25))
            build.link(u"custom_link"_s, issue, dice.pick(accounts), customTypes[1]);
        if (dice.chance(10))
            build.link(u"custom_link"_s, issue, dice.pick(opportunities), customTypes[0]);
        if (dice.chance(15))
            build.link(u"custom_link"_s, issue, feature, customTypes[3]);
    }

    // Customers' tickets: the symptoms of DemoStory, tied to the issues of their area.
    QStringList tickets;
    for (qsizetype c = 0; c < accounts.size(); ++c) {
        for (int i = dice.between(4, 8); i > 0; --i) {
            const DemoStory::Problem &symptom = dice.pick(DemoStory::CustomerSymptoms);
            const int area = symptom.area < Capabilities ? symptom.area : 0;
            const QString ticket
                = addTicket(build, u"%1: %2"_s.arg(DemoStory::Customers[c], symptom.title),
                            accounts[c], revOrgs[c], dice.pick(features[area]));
            build.link(u"is_related_to"_s, ticket, dice.pick(contacts[c]));
            if (!issuesByArea[area].isEmpty()) {
                build.link(dice.chance(70) ? u"is_dependent_on"_s : u"is_analyzed_by"_s, ticket,
                           dice.pick(issuesByArea[area]));
            }
            if (!tickets.isEmpty() && dice.chance(20)) {
                static const QStringList Kinds = {u"is_duplicate_of"_s, u"is_follow_up_of"_s,
                                                  u"is_merged_into"_s, u"is_parent_of"_s};
                build.link(dice.pick(Kinds), ticket, dice.pick(tickets));
            }
            if (dice.chance(10))
                build.link(u"is_converted_to"_s, ticket, opportunities[c]);
            if (dice.chance(20))
                build.link(u"custom_link"_s, ticket, dice.pick(build.devUsers()), customTypes[2]);
            tickets.append(ticket);
        }
    }
    build.world().setCustomLinkTypeDeprecated(customTypes[3], true);
}

/// `scale` objects for benchmarks: a few parts, then issues, tickets and tasks in turn, about
/// scale/2 links.
void populateScaled(Builder &build, int scale)
{
    DemoDice &dice = build.dice();
    addDevUsers(build);
    const QString product = addPart(build, Product, u"Northwind Analytics", u"Scaled demo"_s);
    QStringList parts;
    for (int i = 0; i < Capabilities; ++i) {
        parts.append(addPart(build, Capability, DemoStory::Areas[i], {}));
        build.link(u"is_part_of"_s, parts.constLast(), product);
    }
    QStringList issues;
    for (int made = int(parts.size()) + 9; made < scale; ++made) {
        const int n = made;
        switch (n % 3) {
        case 0:
            issues.append(build.add(Issue,
                                    {{"title"_L1, u"Issue %1"_s.arg(n)},
                                     {"owned_by"_L1, build.owners()},
                                     {"priority"_L1, dice.pick(Priorities)}}));
            build.link(u"developed_with"_s, issues.constLast(), dice.pick(parts));
            break;
        case 1: {
            const QString ticket = build.add(Ticket,
                                             {{"title"_L1, u"Ticket %1"_s.arg(n)},
                                              {"owned_by"_L1, build.owners()},
                                              {"severity"_L1, dice.pick(Severities)}});
            if (!issues.isEmpty())
                build.link(u"is_dependent_on"_s, ticket, dice.pick(issues));
            break;
        }
        default: {
            const QString task = build.add(
                Task, {{"title"_L1, u"Task %1"_s.arg(n)}, {"owned_by"_L1, build.owners()}});
            if (!issues.isEmpty() && dice.chance(50))
                build.link(u"is_parent_of"_s, issues.constLast(), task);
            break;
        }
        }
    }
}

} // namespace

void populateDevRevDemo(DevRevWorld &world, quint32 seed, int scale)
{
    Builder build(world, seed);
    if (scale > 0)
        populateScaled(build, scale);
    else
        populateStory(build);
}
