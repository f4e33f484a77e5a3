#include "sandbox/copperdemo.h"

#include "sandbox/copperworld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

using enum CopperEntity;

/// Every timestamp derives from this instant (2025-01-01T00:00:00Z), never from the clock.
constexpr qint64 BaseTime = 1735689600;
constexpr qint64 Day = 86400;

struct CompanySeed
{
    QStringView name;
    QStringView industry;
};
constexpr CompanySeed Companies[] = {
    {u"Northwind Traders", u"Wholesale"},
    {u"Bluepeak Analytics", u"Software"},
    {u"Ironbridge Logistics", u"Logistics"},
    {u"Cobalt Ridge Software", u"Software"},
    {u"Harborview Health", u"Healthcare"},
    {u"Summit Lane Capital", u"Financial services"},
    {u"Redwood Mechanical", u"Construction"},
    {u"Silverline Media", u"Media"},
    {u"Oakfield Foods", u"Food and beverage"},
    {u"Brightwater Energy", u"Energy"},
    {u"Granite Point Legal", u"Legal services"},
    {u"Lumen Labs", u"Research"},
    {u"Pinecrest Outfitters", u"Retail"},
    {u"Keystone Robotics", u"Manufacturing"},
    {u"Meridian Freight", u"Logistics"},
    {u"Tidewell Insurance", u"Insurance"},
    {u"Copperleaf Design", u"Design"},
    {u"Falconer Aerospace", u"Aerospace"},
    {u"Driftwood Hospitality", u"Hospitality"},
    {u"Evergreen Dental Group", u"Healthcare"},
    {u"Stonegate Realty", u"Real estate"},
    {u"Quillon Security", u"Security"},
    {u"Vantage Point Retail", u"Retail"},
    {u"Halcyon Biotech", u"Biotechnology"},
    {u"Westbrook Manufacturing", u"Manufacturing"},
    {u"Clearwater Labs", u"Research"},
    {u"Foxglove Studios", u"Media"},
    {u"Atlas Ridge Mining", u"Mining"},
    {u"Bellhaven Schools", u"Education"},
    {u"Crescent Bay Marine", u"Marine"},
    {u"Orchard Lane Bakery", u"Food and beverage"},
    {u"Trailhead Cycles", u"Retail"},
    {u"Nimbus Cloudworks", u"Software"},
    {u"Parkside Veterinary", u"Healthcare"},
    {u"Sableworks Consulting", u"Consulting"},
    {u"Ember & Oak Furniture", u"Manufacturing"},
    {u"Riverstone Credit Union", u"Financial services"},
    {u"Kestrel Data Systems", u"Software"},
    {u"Marlow & Finch Accounting", u"Accounting"},
    {u"Hollis Engineering", u"Engineering"},
};

struct City
{
    QStringView city;
    QStringView state;
    QStringView country;
    QStringView postalCode; // US: the first three digits; elsewhere the whole code
    QStringView phone; // prefix of a fictional number
    QStringView tld;
};
constexpr City Cities[] = {
    {u"San Francisco", u"CA", u"US", u"941", u"415-555-01", u"com"},
    {u"Austin", u"TX", u"US", u"787", u"512-555-01", u"com"},
    {u"Chicago", u"IL", u"US", u"606", u"312-555-01", u"com"},
    {u"Boston", u"MA", u"US", u"021", u"617-555-01", u"com"},
    {u"Seattle", u"WA", u"US", u"981", u"206-555-01", u"com"},
    {u"Denver", u"CO", u"US", u"802", u"303-555-01", u"com"},
    {u"New York", u"NY", u"US", u"100", u"212-555-01", u"com"},
    {u"Atlanta", u"GA", u"US", u"303", u"404-555-01", u"com"},
    {u"Portland", u"OR", u"US", u"972", u"503-555-01", u"com"},
    {u"Raleigh", u"NC", u"US", u"276", u"919-555-01", u"com"},
    {u"Toronto", u"ON", u"CA", u"M5V 2T6", u"416-555-01", u"ca"},
    {u"London", u"", u"GB", u"EC2A 4NE", u"+44 20 7946 0", u"co.uk"},
    {u"Manchester", u"", u"GB", u"M1 1AE", u"+44 161 496 0", u"co.uk"},
    {u"Berlin", u"BE", u"DE", u"10115", u"+49 30 901820", u"de"},
    {u"Munich", u"BY", u"DE", u"80331", u"+49 89 123450", u"de"},
};

constexpr QStringView Streets[] = {
    u"Market Street",   u"Main Street",    u"Oak Avenue",  u"Harbor Boulevard", u"Elm Street",
    u"Congress Avenue", u"Mission Street", u"Pine Street", u"Commerce Way",     u"Lakeview Drive",
};
constexpr QStringView GermanStreets[]
    = {u"Friedrichstraße", u"Leopoldstraße", u"Torstraße", u"Kaiserstraße"};
constexpr QStringView BritishStreets[]
    = {u"High Street", u"King's Road", u"Deansgate", u"Old Street"};

constexpr QStringView FirstNames[] = {
    u"Olivia",   u"Liam",   u"Emma",    u"Noah",     u"Ava",    u"Ethan",  u"Sophia", u"Mason",
    u"Isabella", u"Lucas",  u"Mia",     u"Logan",    u"Amelia", u"James",  u"Harper", u"Aiden",
    u"Evelyn",   u"Elijah", u"Abigail", u"Benjamin", u"Emily",  u"Daniel", u"Ella",   u"Henry",
    u"Grace",    u"Samuel", u"Chloe",   u"David",    u"Priya",  u"Arjun",  u"Mei",    u"Wei",
    u"Fatima",   u"Omar",   u"Sofia",   u"Mateo",    u"Hannah", u"Jonas",  u"Lena",   u"Felix",
    u"Nora",     u"Owen",   u"Zara",    u"Caleb",    u"Aisha",  u"Kwame",  u"Yuki",   u"Kenji",
    u"Ingrid",   u"Lars",   u"Rosa",    u"Diego",    u"Claire", u"Victor", u"Maya",   u"Theo",
};
constexpr QStringView LastNames[] = {
    u"Smith",   u"Johnson",   u"Williams", u"Brown",     u"Jones",    u"Garcia",    u"Miller",
    u"Davis",   u"Rodriguez", u"Martinez", u"Hernandez", u"Lopez",    u"Wilson",    u"Anderson",
    u"Thomas",  u"Taylor",    u"Moore",    u"Jackson",   u"Martin",   u"Lee",       u"Thompson",
    u"White",   u"Harris",    u"Clark",    u"Lewis",     u"Robinson", u"Walker",    u"Young",
    u"Allen",   u"King",      u"Wright",   u"Scott",     u"Nguyen",   u"Patel",     u"Chen",
    u"Kim",     u"Okafor",    u"Schmidt",  u"Müller",    u"Fischer",  u"Novak",     u"Rossi",
    u"Bianchi", u"Silva",     u"Santos",   u"Dubois",    u"Laurent",  u"Andersson", u"Nakamura",
    u"Tanaka",  u"O'Brien",   u"Murphy",   u"Kowalski",  u"Haddad",   u"Mensah",    u"Ibrahim",
};
constexpr QStringView Titles[] = {
    u"Chief Executive Officer", u"Chief Financial Officer", u"VP of Sales",
    u"VP of Operations",        u"Head of Procurement",     u"IT Director",
    u"Operations Manager",      u"Account Executive",       u"Office Manager",
    u"Marketing Director",      u"Product Manager",         u"Controller",
    u"Customer Success Lead",   u"Purchasing Manager",      u"Engineering Manager",
};
constexpr QStringView CompanyTags[]
    = {u"Customer", u"Prospect", u"Partner", u"Enterprise", u"SMB", u"Priority"};
constexpr QStringView PersonTags[]
    = {u"Decision maker", u"Champion", u"Billing contact", u"Technical contact", u"Newsletter"};
constexpr QStringView ProjectNames[] = {
    u"Q3 onboarding rollout",   u"Website relaunch",      u"Data migration — phase 2",
    u"Partner portal",          u"Security audit 2025",   u"EMEA expansion",
    u"Customer advisory board", u"Renewal playbook",      u"Support SLA review",
    u"Mobile app pilot",        u"Pricing page refresh",  u"CRM clean-up",
    u"Trade show: SaaStr",      u"Case study series",     u"Integration marketplace",
    u"Churn analysis",          u"Sales kickoff 2025",    u"Field team training",
    u"Reference program",       u"Billing system switch",
};
constexpr QStringView LeadCompanyFirst[]
    = {u"Apex",      u"Birchwood", u"Cinder",  u"Delta Bay", u"Elmhurst", u"Fjordline",
       u"Goldcrest", u"Hartwell",  u"Juniper", u"Larkspur",  u"Mosaic",   u"Northgate"};
constexpr QStringView LeadCompanySecond[]
    = {u"Dynamics", u"Partners", u"Labs", u"Group", u"Studios", u"Systems", u"Supply", u"Health"};
constexpr QStringView LeadStatuses[] = {u"New", u"Unqualified", u"Contacted", u"Qualified"};
constexpr QStringView Priorities[] = {u"None", u"Low", u"Medium", u"High"};

struct UserSeed
{
    QStringView name;
    QStringView email; // empty: the API key's owner
};
constexpr UserSeed Users[] = {
    {u"Dana Whitfield", u""},
    {u"Priya Raman", u"priya.raman@linkloom.example"},
    {u"Marcus Oyelaran", u"marcus.oyelaran@linkloom.example"},
    {u"Sofia Lindqvist", u"sofia.lindqvist@linkloom.example"},
    {u"Tom Becker", u"tom.becker@linkloom.example"},
};

constexpr qint64 PipelineId = 213214;
constexpr qint64 StageOpen = 893412, StageWon = 893416, StageLost = 893417;

/// The seeded dice: every choice of the demo world goes through here, in a fixed order.
class Dice
{
public:
    explicit Dice(quint32 seed)
        : m_rng(seed)
    { }
    int below(int n) { return int(m_rng.bounded(n)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[below(int(N))];
    }
    template<typename T>
    const T &pick(const QList<T> &items)
    {
        return items.at(below(int(items.size())));
    }

private:
    QRandomGenerator m_rng;
};

/// Hands out ids from `start` upwards with gaps, as a busy real account would.
class IdSequence
{
public:
    IdSequence(qint64 start, int maxGap)
        : m_next(start)
        , m_maxGap(maxGap)
    { }
    qint64 next(Dice &dice)
    {
        const qint64 id = m_next;
        m_next += dice.between(1, m_maxGap);
        return id;
    }

private:
    qint64 m_next;
    int m_maxGap;
};

/// Lower-case ASCII letters and digits only, for e-mail addresses and domains.
QString slug(QStringView text)
{
    QString result;
    for (QChar c : text.toString().normalized(QString::NormalizationForm_D)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            result.append(c.toLower());
    }
    return result;
}

QString closeDate(qint64 time)
{
    const QDate date = QDateTime::fromSecsSinceEpoch(time, Qt::UTC).date();
    return u"%1/%2/%3"_s.arg(date.month()).arg(date.day()).arg(date.year());
}

QJsonArray tags(Dice &dice, const auto &pool, int max)
{
    QJsonArray result;
    const int count = dice.below(max + 1);
    for (int i = 0; i < count; ++i) {
        const QString tag = dice.pick(pool).toString();
        if (!result.contains(tag))
            result.append(tag);
    }
    return result;
}

struct Stamps
{
    qint64 created;
    qint64 modified;
};
/// A creation time up to `maxAgeDays` before the base time (never before `notBefore`), and a
/// modification time between it and the base time.
Stamps stamps(Dice &dice, int maxAgeDays, qint64 notBefore = 0)
{
    qint64 created = BaseTime - dice.between(2, maxAgeDays) * Day - dice.below(int(Day));
    created = std::max(created, notBefore + dice.between(60, 7200));
    const qint64 modified = created + (BaseTime - created) * dice.below(101) / 100;
    return {created, std::min(modified, BaseTime)};
}

QJsonObject address(Dice &dice, const City &city)
{
    const bool us = city.country == u"US";
    QString street;
    if (city.country == u"DE")
        street = u"%1 %2"_s.arg(dice.pick(GermanStreets)).arg(dice.between(1, 140));
    else if (city.country == u"GB")
        street = u"%1 %2"_s.arg(dice.between(1, 240)).arg(dice.pick(BritishStreets));
    else
        street = u"%1 %2"_s.arg(dice.between(10, 2400)).arg(dice.pick(Streets));
    if (dice.chance(30))
        street += u", Suite %1"_s.arg(dice.between(1, 19) * 100 + dice.between(0, 50));
    return {
        {"street"_L1, street},
        {"city"_L1, city.city.toString()},
        {"state"_L1, city.state.isEmpty() ? QJsonValue(QJsonValue::Null) : city.state.toString()},
        {"postal_code"_L1,
         us ? u"%1%2"_s.arg(city.postalCode).arg(dice.between(1, 99), 2, 10, QChar(u'0'))
            : city.postalCode.toString()},
        {"country"_L1, city.country.toString()}};
}

QJsonObject phone(Dice &dice, const City &city, const QString &category)
{
    return {{"number"_L1, QString(city.phone + u"%1"_s.arg(dice.below(100), 2, 10, QChar(u'0')))},
            {"category"_L1, category}};
}

QJsonObject web(const QString &url, const QString &category)
{
    return {{"url"_L1, url}, {"category"_L1, category}};
}

struct PersonInfo
{
    qint64 id;
    QString first;
    QString last;
    qsizetype company;
};

} // namespace

void populateCopperDemo(CopperWorld &world, quint32 seed, const QString &ownerEmail)
{
    Dice dice(seed);
    const QJsonValue null(QJsonValue::Null);

    // Users: the assignees of everything below.
    QList<qint64> userIds;
    IdSequence userIdSequence(812430, 40);
    for (const UserSeed &user : Users) {
        userIds.append(userIdSequence.next(dice));
        world.addUser({{"id"_L1, userIds.last()},
                       {"name"_L1, user.name.toString()},
                       {"email"_L1, user.email.isEmpty() ? ownerEmail : user.email.toString()}});
    }

    // Companies.
    struct CompanyInfo
    {
        qint64 id;
        QString name;
        QString domain;
        const City *city;
        qint64 created;
        QList<qsizetype> people;
    };
    QList<CompanyInfo> companies;
    IdSequence companyIds(13358412, 9000);
    for (const CompanySeed &company : Companies) {
        const City &city = dice.pick(Cities);
        const QString name = company.name.toString();
        const QString domain = slug(name) + u'.' + city.tld;
        const Stamps time = stamps(dice, 1400);
        const qint64 id = companyIds.next(dice);
        companies.append({id, name, domain, &city, time.created, {}});
        world.insert(
            Company,
            {{"id"_L1, id},
             {"name"_L1, name},
             {"address"_L1, address(dice, city)},
             {"assignee_id"_L1, dice.pick(userIds)},
             {"contact_type_id"_L1, dice.chance(70) ? 1489722 : 1489723},
             {"details"_L1,
              u"%1 company, about %2 employees."_s.arg(company.industry)
                  .arg(dice.pick({15, 40, 120, 350, 900, 2500}))},
             {"email_domain"_L1, domain},
             {"phone_numbers"_L1, QJsonArray{phone(dice, city, u"work"_s)}},
             {"socials"_L1,
              QJsonArray{web(u"https://www.linkedin.com/company/"_s + slug(name), u"linkedin"_s)}},
             {"tags"_L1, tags(dice, CompanyTags, 2)},
             {"websites"_L1, QJsonArray{web(u"https://www."_s + domain, u"work"_s)}},
             {"custom_fields"_L1, QJsonArray()},
             {"interaction_count"_L1, dice.below(80)},
             {"date_created"_L1, time.created},
             {"date_modified"_L1, time.modified}});
    }

    // People: the first forty give every company a contact, the rest join at random.
    QList<PersonInfo> people;
    QSet<QString> fullNames;
    IdSequence personIds(27140359, 4000);
    for (int i = 0; i < 120; ++i) {
        const qsizetype company = i < companies.size() ? i : dice.below(int(companies.size()));
        QString first, last;
        do {
            first = dice.pick(FirstNames).toString();
            last = dice.pick(LastNames).toString();
        } while (fullNames.contains(first + u' ' + last));
        fullNames.insert(first + u' ' + last);

        CompanyInfo &info = companies[company];
        const Stamps time = stamps(dice, 1200, info.created);
        const qint64 id = personIds.next(dice);
        people.append({id, first, last, company});
        info.people.append(people.size() - 1);
        QJsonArray phones{phone(dice, *info.city, u"work"_s)};
        if (dice.chance(40))
            phones.append(phone(dice, *info.city, u"mobile"_s));
        world.insert(
            Person,
            {{"id"_L1, id},
             {"name"_L1, QString(first + u' ' + last)},
             {"prefix"_L1, dice.chance(6) ? QJsonValue(u"Dr."_s) : null},
             {"first_name"_L1, first},
             {"middle_name"_L1, null},
             {"last_name"_L1, last},
             {"suffix"_L1, null},
             {"address"_L1, address(dice, *info.city)},
             {"assignee_id"_L1, dice.pick(userIds)},
             {"contact_type_id"_L1, 1489722},
             {"details"_L1, null},
             {"emails"_L1,
              QJsonArray{QJsonObject{
                  {"email"_L1, QString(slug(first) + u'.' + slug(last) + u'@' + info.domain)},
                  {"category"_L1, "work"_L1}}}},
             {"phone_numbers"_L1, phones},
             {"socials"_L1, QJsonArray()},
             {"tags"_L1, tags(dice, PersonTags, 2)},
             {"title"_L1, dice.pick(Titles).toString()},
             {"websites"_L1, QJsonArray()},
             {"custom_fields"_L1, QJsonArray()},
             {"interaction_count"_L1, dice.below(40)},
             {"date_created"_L1, time.created},
             {"date_modified"_L1, time.modified}});
        world.relate({Person, id}, {Company, info.id});
    }

    // Opportunities: a company, its primary contact and sometimes colleagues.
    QList<std::pair<qint64, qsizetype>> opportunities; // id, company
    IdSequence opportunityIds(4417020, 1600);
    for (int i = 0; i < 60; ++i) {
        const qsizetype company = dice.below(int(companies.size()));
        const CompanyInfo &info = companies.at(company);
        const PersonInfo &contact = people.at(dice.pick(info.people));
        const int seats = dice.pick({10, 25, 50, 75, 100, 150, 250, 400, 500, 1000});
        const int pricePerSeat = dice.between(5, 40) * 12;
        QString name;
        switch (dice.below(5)) {
        case 0:
            name = u"%1 — %2 seats renewal"_s.arg(info.name).arg(seats);
            break;
        case 1:
            name = u"%1 — %2 seats expansion"_s.arg(info.name).arg(seats);
            break;
        case 2:
            name = u"%1 — pilot (%2 users)"_s.arg(info.name).arg(seats);
            break;
        case 3:
            name = u"%1 — onboarding services"_s.arg(info.name);
            break;
        default:
            name = u"%1 — enterprise upgrade"_s.arg(info.name);
        }
        const int roll = dice.below(100);
        const QString status = roll < 55 ? u"Open"_s : roll < 80 ? u"Won"_s : u"Lost"_s;
        const bool open = status == "Open"_L1;
        const Stamps time = stamps(dice, 500, info.created);
        const qint64 close = open
            ? BaseTime + dice.between(10, 180) * Day
            : std::min(time.created + dice.between(20, 120) * Day, BaseTime - Day);
        const qint64 id = opportunityIds.next(dice);
        opportunities.append({id, company});
        world.insert(
            Opportunity,
            {{"id"_L1, id},
             {"name"_L1, name},
             {"assignee_id"_L1, dice.pick(userIds)},
             {"close_date"_L1, closeDate(close)},
             {"company_id"_L1, info.id},
             {"company_name"_L1, info.name},
             {"customer_source_id"_L1, dice.pick({331241, 331242, 331243})},
             {"details"_L1, u"%1 seats at $%2 per seat and year."_s.arg(seats).arg(pricePerSeat)},
             {"loss_reason_id"_L1,
              status == "Lost"_L1 ? QJsonValue(dice.pick({44512, 44513, 44514})) : null},
             {"monetary_value"_L1, seats * pricePerSeat},
             {"pipeline_id"_L1, PipelineId},
             {"pipeline_stage_id"_L1,
              open                     ? StageOpen + dice.below(4)
                  : status == "Won"_L1 ? StageWon
                                       : StageLost},
             {"primary_contact_id"_L1, contact.id},
             {"priority"_L1, dice.pick(Priorities).toString()},
             {"status"_L1, status},
             {"tags"_L1, QJsonArray()},
             {"win_probability"_L1,
              open                     ? dice.between(1, 9) * 10
                  : status == "Won"_L1 ? 100
                                       : 0},
             {"custom_fields"_L1, QJsonArray()},
             {"interaction_count"_L1, dice.below(30)},
             {"leads_converted_from"_L1, QJsonArray()},
             {"date_created"_L1, time.created},
             {"date_modified"_L1, time.modified}});
        world.relate({Opportunity, id}, {Company, info.id});
        world.relate({Opportunity, id}, {Person, contact.id});
        for (int extra = dice.below(3); extra > 0; --extra)
            world.relate({Opportunity, id}, {Person, people.at(dice.pick(info.people)).id});
    }

    // Projects: for one customer each, with some of its people and deals. Their ids start where
    // the leads' do, on purpose.
    QList<qint64> projectIds;
    IdSequence projectIdSequence(208105, 300);
    for (const QStringView projectName : ProjectNames) {
        const qsizetype company = dice.below(int(companies.size()));
        const CompanyInfo &info = companies.at(company);
        const Stamps time = stamps(dice, 400, info.created);
        const qint64 id = projectIdSequence.next(dice);
        projectIds.append(id);
        world.insert(Project,
                     {{"id"_L1, id},
                      {"name"_L1, projectName.toString()},
                      {"related_resource"_L1, null},
                      {"assignee_id"_L1, dice.pick(userIds)},
                      {"status"_L1, dice.chance(70) ? u"Open"_s : u"Completed"_s},
                      {"details"_L1, u"Delivered with %1."_s.arg(info.name)},
                      {"tags"_L1, QJsonArray()},
                      {"custom_fields"_L1, QJsonArray()},
                      {"date_created"_L1, time.created},
                      {"date_modified"_L1, time.modified}});
        if (dice.chance(60))
            world.relate({Project, id}, {Company, info.id});
        for (int n = dice.between(1, 3); n > 0; --n)
            world.relate({Project, id}, {Person, people.at(dice.pick(info.people)).id});
        QList<qint64> deals;
        for (const auto &[opportunity, owner] : opportunities) {
            if (owner == company)
                deals.append(opportunity);
        }
        for (int n = dice.below(3); n > 0 && !deals.isEmpty(); --n)
            world.relate({Project, id}, {Opportunity, dice.pick(deals)});
    }

    // Leads: prospects not in the book yet, so their companies are new names.
    QList<std::pair<qint64, QString>> leads; // id, name
    IdSequence leadIds(208105, 900);
    for (int i = 0; i < 30; ++i) {
        const QString first = dice.pick(FirstNames).toString();
        const QString last = dice.pick(LastNames).toString();
        const QString companyName
            = dice.pick(LeadCompanyFirst) + u' ' + dice.pick(LeadCompanySecond);
        const City &city = dice.pick(Cities);
        const int status = dice.below(int(std::size(LeadStatuses)));
        const Stamps time = stamps(dice, 300);
        const qint64 id = leadIds.next(dice);
        leads.append({id, first + u' ' + last});
        world.insert(
            Lead,
            {{"id"_L1, id},
             {"name"_L1, QString(first + u' ' + last)},
             {"prefix"_L1, null},
             {"first_name"_L1, first},
             {"middle_name"_L1, null},
             {"last_name"_L1, last},
             {"suffix"_L1, null},
             {"address"_L1, address(dice, city)},
             {"assignee_id"_L1, dice.pick(userIds)},
             {"company_name"_L1, companyName},
             {"customer_source_id"_L1, dice.pick({331241, 331242, 331243})},
             {"details"_L1, null},
             {"email"_L1,
              QJsonObject{
                  {"email"_L1, QString(slug(first) + u'@' + slug(companyName) + u'.' + city.tld)},
                  {"category"_L1, "work"_L1}}},
             {"interaction_count"_L1, dice.below(10)},
             {"monetary_value"_L1, dice.between(2, 120) * 500},
             {"phone_numbers"_L1, QJsonArray{phone(dice, city, u"work"_s)}},
             {"socials"_L1, QJsonArray()},
             {"status"_L1, LeadStatuses[status].toString()},
             {"status_id"_L1, 208231 + status},
             {"tags"_L1, QJsonArray()},
             {"title"_L1, dice.pick(Titles).toString()},
             {"websites"_L1, QJsonArray()},
             {"custom_fields"_L1, QJsonArray()},
             {"date_created"_L1, time.created},
             {"date_modified"_L1, time.modified}});
    }

    // Tasks: each about one record (the limit of seed 001), named after it.
    IdSequence taskIds(51029388, 2500);
    for (int i = 0; i < 80; ++i) {
        const int kind = dice.below(100);
        CopperRef about;
        QString name;
        if (kind < 30) {
            const PersonInfo &person = dice.pick(people);
            about = {Person, person.id};
            name = dice.chance(50) ? u"Call %1 %2"_s.arg(person.first, person.last)
                                   : u"Send intro deck to %1"_s.arg(person.first);
        } else if (kind < 55) {
            const auto &[id, company] = dice.pick(opportunities);
            about = {Opportunity, id};
            const QString &companyName = companies.at(company).name;
            name = dice.chance(50) ? u"Send proposal to %1"_s.arg(companyName)
                                   : u"Review contract redlines — %1"_s.arg(companyName);
        } else if (kind < 70) {
            const CompanyInfo &company = dice.pick(companies);
            about = {Company, company.id};
            name = u"Prepare quarterly business review — %1"_s.arg(company.name);
        } else if (kind < 88) {
            const auto &[id, leadName] = dice.pick(leads);
            about = {Lead, id};
            name = u"Qualify lead: %1"_s.arg(leadName);
        } else {
            const qsizetype project = dice.below(int(projectIds.size()));
            about = {Project, projectIds.at(project)};
            name = u"Status update: %1"_s.arg(ProjectNames[project]);
        }
        const qint64 due = BaseTime + dice.between(-30, 60) * Day + 17 * 3600;
        const bool done = due < BaseTime && dice.chance(70);
        const qint64 completed = due - dice.below(3) * Day;
        const qint64 created = std::min(stamps(dice, 60).created, due - dice.between(2, 20) * Day);
        const Stamps time{created,
                          std::max(done ? completed : created,
                                   created + (BaseTime - created) * dice.below(101) / 100)};
        const qint64 id = taskIds.next(dice);
        world.insert(Task,
                     {{"id"_L1, id},
                      {"name"_L1, name},
                      {"assignee_id"_L1, dice.pick(userIds)},
                      {"due_date"_L1, due},
                      {"reminder_date"_L1, dice.chance(40) ? QJsonValue(due - Day) : null},
                      {"completed_date"_L1, done ? QJsonValue(completed) : null},
                      {"priority"_L1, dice.chance(25) ? u"High"_s : u"None"_s},
                      {"status"_L1, done ? u"Completed"_s : u"Open"_s},
                      {"details"_L1, null},
                      {"tags"_L1, QJsonArray()},
                      {"custom_fields"_L1, QJsonArray()},
                      {"date_created"_L1, time.created},
                      {"date_modified"_L1, time.modified}});
        world.relate({Task, id}, about);
    }
}
