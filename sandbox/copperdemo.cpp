#include "sandbox/copperdemo.h"

#include "sandbox/copperworld.h"
#include "sandbox/demodice.h"

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

using Dice = DemoDice;

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
        {u"street"_s, street},
        {u"city"_s, city.city.toString()},
        {u"state"_s, city.state.isEmpty() ? QJsonValue(QJsonValue::Null) : city.state.toString()},
        {u"postal_code"_s,
         us ? u"%1%2"_s.arg(city.postalCode).arg(dice.between(1, 99), 2, 10, QChar(u'0'))
            : city.postalCode.toString()},
        {u"country"_s, city.country.toString()}};
}

QJsonObject phone(Dice &dice, const City &city, const QString &category)
{
    return {{u"number"_s, QString(city.phone + u"%1"_s.arg(dice.below(100), 2, 10, QChar(u'0')))},
            {u"category"_s, category}};
}

QJsonObject web(const QString &url, const QString &category)
{
    return {{u"url"_s, url}, {u"category"_s, category}};
}

/// The custom fields of the demo account: one of every data type, and Connect fields between
/// different record types (the last column: the connected type).
struct FieldSeed
{
    qint64 id;
    QStringView name;
    QStringView canonicalName; // empty: null
    QStringView dataType;
    QStringView availableOn; // space-separated
    bool filterable;
    QStringView extra; // options ('|'-separated), currency, or connected_entity_type
};
constexpr FieldSeed Fields[] = {
    {141201, u"Customer tier", u"customer_tier", u"Dropdown", u"company opportunity", true,
     u"Bronze|Silver|Gold|Platinum"},
    {141207, u"Renewal date", u"renewal_date", u"Date", u"company opportunity", true, u""},
    {141212, u"Seats licensed", u"", u"Float", u"company", true, u""},
    {141230, u"Health score", u"health_score", u"Percentage", u"company", true, u""},
    {141244, u"Annual contract value", u"acv", u"Currency", u"opportunity", true, u"USD"},
    {141259, u"Product interests", u"", u"MultiSelect", u"lead person opportunity", false,
     u"Dashboards|Data pipelines|Embedded analytics|Forecasting"},
    {141263, u"Support portal", u"", u"URL", u"company", false, u""},
    {141287, u"NDA signed", u"nda_signed", u"Checkbox", u"company person", true, u""},
    {141301, u"Onboarding notes", u"", u"Text", u"project task", false, u""},
    {141322, u"Referral code", u"referral_code", u"String", u"lead person", true, u""},
    {142108, u"Referred by", u"referred_by", u"Connect", u"person", false, u"person"},
    {142115, u"Partner", u"partner", u"Connect", u"company", false, u"company"},
    {142131, u"Reseller", u"reseller", u"Connect", u"opportunity", false, u"company"},
    {142146, u"Sponsor", u"sponsor", u"Connect", u"project", false, u"person"},
    {142160, u"Account manager", u"account_manager", u"Connect", u"company", false, u"user"},
    {142173, u"Introduced by", u"introduced_by", u"Connect", u"lead", false, u"person"},
};
constexpr qint64 ReferredBy = 142108, Partner = 142115, Reseller = 142131, Sponsor = 142146,
                 AccountManager = 142160, IntroducedBy = 142173;

QJsonObject fieldDefinition(const FieldSeed &field, qint64 *nextOptionId)
{
    QJsonObject result{
        {u"id"_s, field.id},
        {u"name"_s, field.name.toString()},
        {u"canonical_name"_s,
         field.canonicalName.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(field.canonicalName.toString())},
        {u"data_type"_s, field.dataType.toString()},
        {u"available_on"_s, QJsonArray::fromStringList(field.availableOn.toString().split(u' '))},
        {u"is_filterable"_s, field.filterable},
    };
    if (field.dataType == u"Dropdown" || field.dataType == u"MultiSelect") {
        QJsonArray options;
        for (const QString &option : field.extra.toString().split(u'|')) {
            options.append(QJsonObject{
                {u"id"_s, (*nextOptionId)++}, {u"name"_s, option}, {u"rank"_s, options.size()}});
        }
        result.insert("options"_L1, options);
    } else if (field.dataType == u"Currency") {
        result.insert("currency"_L1, field.extra.toString());
    } else if (field.dataType == u"Connect") {
        result.insert("connected_entity_type"_L1, field.extra.toString());
    }
    return result;
}

/// How many records of each kind: the demo's, or about `scale` in the demo's proportions.
struct Counts
{
    int companies = 40;
    int people = 120;
    int opportunities = 60;
    int projects = 20;
    int leads = 30;
    int tasks = 80;

    static Counts scaled(int scale)
    {
        const Counts demo;
        const int total = demo.companies + demo.people + demo.opportunities + demo.projects
            + demo.leads + demo.tasks;
        const auto part = [scale, total](int count) {
            return int(std::max<qint64>(1, (qint64(scale) * count + total / 2) / total));
        };
        return {part(demo.companies), part(demo.people), part(demo.opportunities),
                part(demo.projects),  part(demo.leads),  part(demo.tasks)};
    }
};

/// Builds the account record by record. Every choice goes through one Dice in a fixed order,
/// so a seed always gives the same world.
class DemoBuilder
{
public:
    DemoBuilder(CopperWorld &world, quint32 seed, const QString &ownerEmail);

    void addCompany(int index);
    /// The first person of each company is its contact; later ones join at random.
    void addPerson(int index);
    void addOpportunity();
    void addProject(int index);
    void addLead();
    void addTask();
    /// Custom field definitions and Connect-field links (mirrored) between the records.
    void addConnectFields();

private:
    struct CompanyInfo
    {
        qint64 id;
        QString name;
        QString domain;
        const City *city;
        qint64 created;
        QList<qsizetype> people;
        QList<qint64> deals;
    };
    struct PersonInfo
    {
        qint64 id;
        QString first;
        QString last;
    };
    struct RecordInfo
    {
        qint64 id;
        QString name;
        qsizetype company;
    };

    CopperWorld &m_world;
    Dice m_dice;
    QList<qint64> m_userIds;
    QList<CompanyInfo> m_companies;
    QList<PersonInfo> m_people;
    QSet<QString> m_fullNames;
    QList<RecordInfo> m_opportunities;
    QList<RecordInfo> m_projects;
    QList<RecordInfo> m_leads;
    IdSequence m_companyIds{13358412, 9000};
    IdSequence m_personIds{27140359, 4000};
    IdSequence m_opportunityIds{4417020, 1600};
    IdSequence m_projectIds{208105, 300}; // where the leads' ids start, on purpose
    IdSequence m_leadIds{208105, 900};
    IdSequence m_taskIds{51029388, 2500};
};

DemoBuilder::DemoBuilder(CopperWorld &world, quint32 seed, const QString &ownerEmail)
    : m_world(world)
    , m_dice(seed)
{
    // Users: the assignees of everything.
    IdSequence userIds(812430, 40);
    for (const UserSeed &user : Users) {
        m_userIds.append(userIds.next(m_dice));
        m_world.addUser({{u"id"_s, m_userIds.last()},
                         {u"name"_s, user.name.toString()},
                         {u"email"_s, user.email.isEmpty() ? ownerEmail : user.email.toString()}});
    }
}

void DemoBuilder::addCompany(int index)
{
    Dice &dice = m_dice;
    const bool named = index < int(std::size(Companies));
    const CompanySeed &seed = named ? Companies[index] : dice.pick(Companies);
    const City &city = dice.pick(Cities);
    const QString name = named
        ? seed.name.toString()
        : u"%1 %2 %3"_s.arg(dice.pick(LeadCompanyFirst), dice.pick(LeadCompanySecond),
                            QString::number(index));
    const QString domain = slug(name) + u'.' + city.tld;
    const Stamps time = stamps(dice, 1400);
    const qint64 id = m_companyIds.next(dice);
    m_companies.append({id, name, domain, &city, time.created, {}, {}});
    m_world.insert(
        Company,
        {{u"id"_s, id},
         {u"name"_s, name},
         {u"address"_s, address(dice, city)},
         {u"assignee_id"_s, dice.pick(m_userIds)},
         {u"contact_type_id"_s, dice.chance(70) ? 1489722 : 1489723},
         {u"details"_s,
          u"%1 company, about %2 employees."_s.arg(seed.industry)
              .arg(dice.pick({15, 40, 120, 350, 900, 2500}))},
         {u"email_domain"_s, domain},
         {u"phone_numbers"_s, QJsonArray{phone(dice, city, u"work"_s)}},
         {u"socials"_s,
          QJsonArray{web(u"https://www.linkedin.com/company/"_s + slug(name), u"linkedin"_s)}},
         {u"tags"_s, tags(dice, CompanyTags, 2)},
         {u"websites"_s, QJsonArray{web(u"https://www."_s + domain, u"work"_s)}},
         {u"custom_fields"_s, QJsonArray()},
         {u"interaction_count"_s, dice.below(80)},
         {u"date_created"_s, time.created},
         {u"date_modified"_s, time.modified}});
}

void DemoBuilder::addPerson(int index)
{
    Dice &dice = m_dice;
    const QJsonValue null(QJsonValue::Null);
    const qsizetype company
        = index < m_companies.size() ? index : dice.below(int(m_companies.size()));
    // A big world runs out of unique names: then any will do.
    const bool unique
        = m_fullNames.size() < qsizetype(std::size(FirstNames) * std::size(LastNames)) / 2;
    QString first, last;
    for (int attempt = 0; attempt < (unique ? 20 : 1); ++attempt) {
        first = dice.pick(FirstNames).toString();
        last = dice.pick(LastNames).toString();
        if (!m_fullNames.contains(first + u' ' + last))
            break;
    }
    m_fullNames.insert(first + u' ' + last);

    CompanyInfo &info = m_companies[company];
    const Stamps time = stamps(dice, 1200, info.created);
    const qint64 id = m_personIds.next(dice);
    m_people.append({id, first, last});
    info.people.append(m_people.size() - 1);
    QJsonArray phones{phone(dice, *info.city, u"work"_s)};
    if (dice.chance(40))
        phones.append(phone(dice, *info.city, u"mobile"_s));
    m_world.insert(
        Person,
        {{u"id"_s, id},
         {u"name"_s, QString(first + u' ' + last)},
         {u"prefix"_s, dice.chance(6) ? QJsonValue(u"Dr."_s) : null},
         {u"first_name"_s, first},
         {u"middle_name"_s, null},
         {u"last_name"_s, last},
         {u"suffix"_s, null},
         {u"address"_s, address(dice, *info.city)},
         {u"assignee_id"_s, dice.pick(m_userIds)},
         {u"contact_type_id"_s, 1489722},
         {u"details"_s, null},
         {u"emails"_s,
          QJsonArray{QJsonObject{
              {u"email"_s, QString(slug(first) + u'.' + slug(last) + u'@' + info.domain)},
              {u"category"_s, u"work"_s}}}},
         {u"phone_numbers"_s, phones},
         {u"socials"_s, QJsonArray()},
         {u"tags"_s, tags(dice, PersonTags, 2)},
         {u"title"_s, dice.pick(Titles).toString()},
         {u"websites"_s, QJsonArray()},
         {u"custom_fields"_s, QJsonArray()},
         {u"interaction_count"_s, dice.below(40)},
         {u"date_created"_s, time.created},
         {u"date_modified"_s, time.modified}});
    m_world.relate({Person, id}, {Company, info.id});
}

void DemoBuilder::addOpportunity()
{
    // A company, its primary contact and sometimes colleagues.
    Dice &dice = m_dice;
    const QJsonValue null(QJsonValue::Null);
    const qsizetype company = dice.below(int(m_companies.size()));
    CompanyInfo &info = m_companies[company];
    const PersonInfo &contact = m_people.at(dice.pick(info.people));
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
    const qint64 id = m_opportunityIds.next(dice);
    m_opportunities.append({id, name, company});
    info.deals.append(id);
    m_world.insert(
        Opportunity,
        {{u"id"_s, id},
         {u"name"_s, name},
         {u"assignee_id"_s, dice.pick(m_userIds)},
         {u"close_date"_s, closeDate(close)},
         {u"company_id"_s, info.id},
         {u"company_name"_s, info.name},
         {u"customer_source_id"_s, dice.pick({331241, 331242, 331243})},
         {u"details"_s, u"%1 seats at $%2 per seat and year."_s.arg(seats).arg(pricePerSeat)},
         {u"loss_reason_id"_s,
          status == "Lost"_L1 ? QJsonValue(dice.pick({44512, 44513, 44514})) : null},
         {u"monetary_value"_s, seats * pricePerSeat},
         {u"pipeline_id"_s, PipelineId},
         {u"pipeline_stage_id"_s,
          open                     ? StageOpen + dice.below(4)
              : status == "Won"_L1 ? StageWon
                                   : StageLost},
         {u"primary_contact_id"_s, contact.id},
         {u"priority"_s, dice.pick(Priorities).toString()},
         {u"status"_s, status},
         {u"tags"_s, QJsonArray()},
         {u"win_probability"_s,
          open                     ? dice.between(1, 9) * 10
              : status == "Won"_L1 ? 100
                                   : 0},
         {u"custom_fields"_s, QJsonArray()},
         {u"interaction_count"_s, dice.below(30)},
         {u"leads_converted_from"_s, QJsonArray()},
         {u"date_created"_s, time.created},
         {u"date_modified"_s, time.modified}});
    m_world.relate({Opportunity, id}, {Company, info.id});
    m_world.relate({Opportunity, id}, {Person, contact.id});
    for (int extra = dice.below(3); extra > 0; --extra)
        m_world.relate({Opportunity, id}, {Person, m_people.at(dice.pick(info.people)).id});
}

void DemoBuilder::addProject(int index)
{
    // For one customer, with some of its people and deals.
    Dice &dice = m_dice;
    const qsizetype round = index / qsizetype(std::size(ProjectNames));
    const QString name = round == 0
        ? ProjectNames[index].toString()
        : u"%1 (%2)"_s.arg(ProjectNames[index % std::size(ProjectNames)]).arg(round + 1);
    const qsizetype company = dice.below(int(m_companies.size()));
    const CompanyInfo &info = m_companies.at(company);
    const Stamps time = stamps(dice, 400, info.created);
    const qint64 id = m_projectIds.next(dice);
    m_projects.append({id, name, company});
    m_world.insert(Project,
                   {{u"id"_s, id},
                    {u"name"_s, name},
                    {u"related_resource"_s, QJsonValue::Null},
                    {u"assignee_id"_s, dice.pick(m_userIds)},
                    {u"status"_s, dice.chance(70) ? u"Open"_s : u"Completed"_s},
                    {u"details"_s, u"Delivered with %1."_s.arg(info.name)},
                    {u"tags"_s, QJsonArray()},
                    {u"custom_fields"_s, QJsonArray()},
                    {u"date_created"_s, time.created},
                    {u"date_modified"_s, time.modified}});
    if (dice.chance(60))
        m_world.relate({Project, id}, {Company, info.id});
    for (int n = dice.between(1, 3); n > 0; --n)
        m_world.relate({Project, id}, {Person, m_people.at(dice.pick(info.people)).id});
    for (int n = dice.below(3); n > 0 && !info.deals.isEmpty(); --n)
        m_world.relate({Project, id}, {Opportunity, dice.pick(info.deals)});
}

void DemoBuilder::addLead()
{
    // A prospect not in the book yet, so its company is a new name.
    Dice &dice = m_dice;
    const QJsonValue null(QJsonValue::Null);
    const QString first = dice.pick(FirstNames).toString();
    const QString last = dice.pick(LastNames).toString();
    const QString companyName = dice.pick(LeadCompanyFirst) + u' ' + dice.pick(LeadCompanySecond);
    const City &city = dice.pick(Cities);
    const int status = dice.below(int(std::size(LeadStatuses)));
    const Stamps time = stamps(dice, 300);
    const qint64 id = m_leadIds.next(dice);
    m_leads.append({id, first + u' ' + last, -1});
    m_world.insert(
        Lead,
        {{u"id"_s, id},
         {u"name"_s, QString(first + u' ' + last)},
         {u"prefix"_s, null},
         {u"first_name"_s, first},
         {u"middle_name"_s, null},
         {u"last_name"_s, last},
         {u"suffix"_s, null},
         {u"address"_s, address(dice, city)},
         {u"assignee_id"_s, dice.pick(m_userIds)},
         {u"company_name"_s, companyName},
         {u"customer_source_id"_s, dice.pick({331241, 331242, 331243})},
         {u"details"_s, null},
         {u"email"_s,
          QJsonObject{
              {u"email"_s, QString(slug(first) + u'@' + slug(companyName) + u'.' + city.tld)},
              {u"category"_s, u"work"_s}}},
         {u"interaction_count"_s, dice.below(10)},
         {u"monetary_value"_s, dice.between(2, 120) * 500},
         {u"phone_numbers"_s, QJsonArray{phone(dice, city, u"work"_s)}},
         {u"socials"_s, QJsonArray()},
         {u"status"_s, LeadStatuses[status].toString()},
         {u"status_id"_s, 208231 + status},
         {u"tags"_s, QJsonArray()},
         {u"title"_s, dice.pick(Titles).toString()},
         {u"websites"_s, QJsonArray()},
         {u"custom_fields"_s, QJsonArray()},
         {u"date_created"_s, time.created},
         {u"date_modified"_s, time.modified}});
}

void DemoBuilder::addTask()
{
    // About one record (the limit of seed 001), named after it.
    Dice &dice = m_dice;
    const QJsonValue null(QJsonValue::Null);
    const int kind = dice.below(100);
    CopperRef about;
    QString name;
    if (kind < 30) {
        const PersonInfo &person = dice.pick(m_people);
        about = {Person, person.id};
        name = dice.chance(50) ? u"Call %1 %2"_s.arg(person.first, person.last)
                               : u"Send intro deck to %1"_s.arg(person.first);
    } else if (kind < 55) {
        const RecordInfo &deal = dice.pick(m_opportunities);
        about = {Opportunity, deal.id};
        const QString &companyName = m_companies.at(deal.company).name;
        name = dice.chance(50) ? u"Send proposal to %1"_s.arg(companyName)
                               : u"Review contract redlines — %1"_s.arg(companyName);
    } else if (kind < 70) {
        const CompanyInfo &company = dice.pick(m_companies);
        about = {Company, company.id};
        name = u"Prepare quarterly business review — %1"_s.arg(company.name);
    } else if (kind < 88) {
        const RecordInfo &lead = dice.pick(m_leads);
        about = {Lead, lead.id};
        name = u"Qualify lead: %1"_s.arg(lead.name);
    } else {
        const RecordInfo &project = m_projects.at(dice.below(int(m_projects.size())));
        about = {Project, project.id};
        name = u"Status update: %1"_s.arg(project.name);
    }
    const qint64 due = BaseTime + dice.between(-30, 60) * Day + 17 * 3600;
    const bool done = due < BaseTime && dice.chance(70);
    const qint64 completed = due - dice.below(3) * Day;
    const qint64 created = std::min(stamps(dice, 60).created, due - dice.between(2, 20) * Day);
    const Stamps time{created,
                      std::max(done ? completed : created,
                               created + (BaseTime - created) * dice.below(101) / 100)};
    const qint64 id = m_taskIds.next(dice);
    m_world.insert(Task,
                   {{u"id"_s, id},
                    {u"name"_s, name},
                    {u"assignee_id"_s, dice.pick(m_userIds)},
                    {u"due_date"_s, due},
                    {u"reminder_date"_s, dice.chance(40) ? QJsonValue(due - Day) : null},
                    {u"completed_date"_s, done ? QJsonValue(completed) : null},
                    {u"priority"_s, dice.chance(25) ? u"High"_s : u"None"_s},
                    {u"status"_s, done ? u"Completed"_s : u"Open"_s},
                    {u"details"_s, null},
                    {u"tags"_s, QJsonArray()},
                    {u"custom_fields"_s, QJsonArray()},
                    {u"date_created"_s, time.created},
                    {u"date_modified"_s, time.modified}});
    m_world.relate({Task, id}, about);
}

void DemoBuilder::addConnectFields()
{
    qint64 optionId = 167770;
    for (const FieldSeed &field : Fields)
        m_world.addFieldDefinition(fieldDefinition(field, &optionId));

    // Each kind of link on a share of the records; a duplicate or a self-link is refused by the
    // world and simply left out.
    Dice &dice = m_dice;
    using LinkType = CopperLinkType;
    const auto person = [&] { return CopperLinkEnd{LinkType::Person, dice.pick(m_people).id}; };
    const auto company = [&] {
        return CopperLinkEnd{LinkType::Company, dice.pick(m_companies).id};
    };
    for (const PersonInfo &referred : std::as_const(m_people)) {
        if (dice.chance(12))
            m_world.connect(ReferredBy, {LinkType::Person, referred.id}, person());
    }
    for (const CompanyInfo &info : std::as_const(m_companies)) {
        if (dice.chance(15))
            m_world.connect(Partner, {LinkType::Company, info.id}, company());
        if (dice.chance(50)) {
            m_world.connect(AccountManager, {LinkType::Company, info.id},
                            {LinkType::User, dice.pick(m_userIds)});
        }
    }
    for (const RecordInfo &deal : std::as_const(m_opportunities)) {
        const CopperLinkEnd reseller = company();
        if (dice.chance(20) && reseller.id != m_companies.at(deal.company).id)
            m_world.connect(Reseller, {LinkType::Opportunity, deal.id}, reseller);
    }
    for (const RecordInfo &project : std::as_const(m_projects)) {
        const QList<qsizetype> &people = m_companies.at(project.company).people;
        if (dice.chance(60)) {
            m_world.connect(Sponsor, {LinkType::Project, project.id},
                            {LinkType::Person, m_people.at(dice.pick(people)).id});
        }
    }
    for (const RecordInfo &lead : std::as_const(m_leads)) {
        if (dice.chance(20))
            m_world.connect(IntroducedBy, {LinkType::Lead, lead.id}, person());
    }
}

} // namespace

void populateCopperDemo(CopperWorld &world, quint32 seed, const QString &ownerEmail, int scale)
{
    const Counts counts = scale > 0 ? Counts::scaled(scale) : Counts();
    DemoBuilder demo(world, seed, ownerEmail);
    for (int i = 0; i < counts.companies; ++i)
        demo.addCompany(i);
    for (int i = 0; i < counts.people; ++i)
        demo.addPerson(i);
    for (int i = 0; i < counts.opportunities; ++i)
        demo.addOpportunity();
    for (int i = 0; i < counts.projects; ++i)
        demo.addProject(i);
    for (int i = 0; i < counts.leads; ++i)
        demo.addLead();
    for (int i = 0; i < counts.tasks; ++i)
        demo.addTask();
    demo.addConnectFields();
}
