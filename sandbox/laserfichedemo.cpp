#include "sandbox/laserfichedemo.h"

#include "sandbox/demodice.h"
#include "sandbox/laserficheworld.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

using enum LaserficheEntryType;
using namespace LaserficheDemo;

/// Every timestamp derives from this instant (2025-01-01T00:00:00Z), never from the clock.
constexpr qint64 BaseMs = 1735689600000;
constexpr qint64 DayMs = 86400000;

/// Customers: companies of Copper's demo world (copperdemo.cpp), so the stories match.
constexpr QStringView Customers[] = {
    u"Lumen Labs",           u"Northwind Traders",     u"Bluepeak Analytics",
    u"Ironbridge Logistics", u"Cobalt Ridge Software", u"Harborview Health",
    u"Summit Lane Capital",  u"Redwood Mechanical",    u"Silverline Media",
    u"Oakfield Foods",       u"Brightwater Energy",    u"Granite Point Legal",
    u"Pinecrest Outfitters", u"Keystone Robotics",     u"Meridian Freight",
    u"Tidewell Insurance",   u"Halcyon Biotech",       u"Clearwater Labs",
    u"Nimbus Cloudworks",    u"Kestrel Data Systems",  u"Riverstone Credit Union",
    u"Hollis Engineering",   u"Quillon Security",      u"Atlas Ridge Mining",
};
constexpr QStringView LockedCustomer = u"Halcyon Biotech";

/// Northwind Analytics' people (Copper's demo users).
constexpr QStringView Staff[]
    = {u"Dana Whitfield", u"Priya Raman", u"Marcus Oyelaran", u"Sofia Lindqvist", u"Tom Becker"};

constexpr QStringView Projects[] = {
    u"Analytics Onboarding",    u"Data Warehouse Migration", u"Dashboard Rollout",
    u"Forecasting Pilot",       u"SSO Integration",          u"Data Quality Program",
    u"Executive Reporting",     u"Embedded Analytics",       u"Usage Analytics Add-on",
    u"Premium Support Renewal", u"API Integration",          u"Training Workshops",
};
constexpr QStringView Amendments[] = {
    u"Added 25 seats",         u"Extended term by 12 months", u"Updated data processing terms",
    u"Price adjustment (CPI)", u"Added EU data residency",    u"Changed billing to quarterly",
};
constexpr QStringView Subjects[] = {
    u"Signed agreement attached", u"Renewal terms",  u"Invoice question",
    u"Updated SOW for review",    u"Purchase order", u"Countersigned copy",
};

enum Definition : qint32 {
    EmailAttachment = 1, // Message -> Attachment (Laserfiche's default link type)
    Supporting = 2, // Supported Document -> Supporting Document
    AttachedTo = 3, // Attachment -> Attached To (signed copy -> agreement)
    AmendsDefinition = 4, // Amends -> Amended By
    Billing = 5, // Invoice -> Billed Agreement
    Supersedes = 6, // Supersedes -> Superseded By
    GovernedBy = 7, // Governed Agreement -> Governing Terms
};

enum Template : qint32 { ContractTemplate = 1, InvoiceTemplate = 2, CorrespondenceTemplate = 3 };

QDate utcDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date();
}

QString isoDate(qint64 ms)
{
    return utcDate(ms).toString(Qt::ISODate);
}

/// "12,400.00": US formatting whatever the machine's locale.
QString money(qint64 cents)
{
    static const QLocale us(QLocale::English, QLocale::UnitedStates);
    return us.toString(cents / 100) + u'.' + u"%1"_s.arg(cents % 100, 2, 10, QChar(u'0'));
}

/// Builds the world in id order; every entry goes through here.
class Builder
{
public:
    Builder(LaserficheWorld &world, quint32 seed, qint32 firstId)
        : m_world(world)
        , m_dice(seed)
        , m_nextId(firstId)
    { }

    DemoDice &dice() { return m_dice; }

    qint32 folder(qint32 parent, const QString &name, qint64 createdMs)
    {
        LaserficheEntry e = base(parent, name, createdMs);
        e.type = Folder;
        return add(std::move(e));
    }

    qint32 document(qint32 parent, const QString &name, QStringView extension, qint64 createdMs,
                    qint32 templateId = 0, QList<LaserficheFieldValue> fields = {})
    {
        LaserficheEntry e = base(parent, name, createdMs);
        e.type = Document;
        e.extension = extension.toString();
        e.mimeType = mimeType(extension);
        e.size = m_dice.between(18, 2400) * 1024 + m_dice.below(1024);
        e.pageCount = extension == u"pdf" ? m_dice.between(1, 36) : 0;
        e.templateId = templateId;
        e.fields = std::move(fields);
        return add(std::move(e));
    }

    qint32 shortcut(qint32 parent, qint32 target, qint64 createdMs)
    {
        const LaserficheEntry *t = m_world.entry(target);
        LaserficheEntry e = base(parent, t ? t->name : QString(), createdMs);
        e.type = Shortcut;
        e.targetId = target;
        e.extension = t ? t->extension : QString();
        return add(std::move(e));
    }

    void link(Definition definition, qint32 source, qint32 target,
              const QMap<QString, QString> &properties = {})
    {
        m_world.addLink(definition, source, target, properties);
    }

    LaserficheEntry *entry(qint32 id) { return m_world.entry(id); }

private:
    static QString mimeType(QStringView extension)
    {
        static const QHash<QString, QString> types = {
            {u"pdf"_s, u"application/pdf"_s},
            {u"docx"_s,
             u"application/vnd.openxmlformats-officedocument.wordprocessingml.document"_s},
            {u"xlsx"_s, u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"_s},
            {u"msg"_s, u"application/vnd.ms-outlook"_s},
        };
        return types.value(extension.toString());
    }

    LaserficheEntry base(qint32 parent, const QString &name, qint64 createdMs)
    {
        LaserficheEntry e;
        e.id = m_nextId;
        m_nextId += m_dice.chance(85) ? 1 : m_dice.between(2, 6); // deleted entries leave gaps
        e.parentId = parent;
        e.name = name;
        e.creator = m_dice.pick(Staff).toString();
        e.createdMs = std::min(createdMs, BaseMs - DayMs);
        e.modifiedMs = e.createdMs + (BaseMs - e.createdMs) * m_dice.below(40) / 100;
        return e;
    }

    qint32 add(LaserficheEntry e)
    {
        const qint32 id = e.id;
        m_world.addEntry(e);
        return id;
    }

    LaserficheWorld &m_world;
    DemoDice m_dice;
    qint32 m_nextId;
};

/// Everything of one customer: its folder, agreements, invoices and e-mails, linked.
void populateCustomer(Builder &b, const QString &customer, bool locked, int &sowNumber,
                      int &invoiceNumber)
{
    DemoDice &dice = b.dice();
    const qint64 start
        = BaseMs - dice.between(120, 1100) * DayMs - dice.below(int(DayMs / 1000)) * 1000;
    const auto later = [&](qint64 from, int minDays, int maxDays) {
        return std::min(from + dice.between(minDays, maxDays) * DayMs + dice.below(36000) * 1000,
                        BaseMs - DayMs);
    };
    const auto termsProperties = [&](qint64 when) {
        QMap<QString, QString> p;
        if (dice.chance(50)) {
            p.insert(u"termsVersion"_s, dice.pick({u"2023.2"_s, u"2024.1"_s}));
            p.insert(u"acceptedOn"_s, isoDate(when));
        }
        return p;
    };

    const qint32 folder = b.folder(CustomersFolderId, customer, start);
    const qint32 invoices = b.folder(folder, u"Invoices"_s, start + DayMs);
    const QString contractNo
        = u"NWA-MSA-%1-%2"_s.arg(utcDate(start).year()).arg(dice.between(100, 999));
    const qint32 msa = b.document(folder, customer + u" — Master Services Agreement"_s, u"docx",
                                  start, ContractTemplate,
                                  {{u"Customer"_s, customer},
                                   {u"Contract Number"_s, contractNo},
                                   {u"Effective Date"_s, isoDate(start + 7 * DayMs)}});
    const qint32 signedMsa = b.document(
        folder, customer + u" — Master Services Agreement (signed)"_s, u"pdf", later(start, 3, 20));
    b.link(AttachedTo, signedMsa, msa);
    b.link(GovernedBy, msa, StandardTermsId, termsProperties(start));

    // Statements of work, each with its signed copy and its invoices.
    QList<qint32> signedCopies{signedMsa};
    const int sows = dice.between(2, 4);
    qint64 when = later(start, 10, 40);
    for (int i = 0; i < sows; ++i) {
        const QString sowNo
            = u"SOW-%1-%2"_s.arg(utcDate(when).year()).arg(++sowNumber, 3, 10, QChar(u'0'));
        const qint64 value = dice.between(60, 2400) * 10000LL;
        const qint32 sow
            = b.document(folder, u"%1 %2 — %3"_s.arg(sowNo, customer, dice.pick(Projects)), u"docx",
                         when, ContractTemplate,
                         {{u"Customer"_s, customer},
                          {u"Contract Number"_s, sowNo},
                          {u"Effective Date"_s, isoDate(when)},
                          {u"Contract Value"_s, money(value)}});
        b.link(Supporting, msa, sow);
        b.link(GovernedBy, sow, StandardTermsId, termsProperties(when));
        if (dice.chance(70)) {
            const qint32 signedSow
                = b.document(folder, u"%1 (signed)"_s.arg(sowNo), u"pdf", later(when, 2, 14));
            b.link(AttachedTo, signedSow, sow);
            signedCopies.append(signedSow);
        }
        qint64 billed = later(when, 20, 40);
        for (int n = dice.between(1, 4); n > 0 && billed < BaseMs - DayMs; --n) {
            const QString invoiceNo = u"INV-%1-%2"_s.arg(utcDate(billed).year())
                                          .arg(++invoiceNumber, 4, 10, QChar(u'0'));
            const qint64 amount = value / dice.between(3, 12) + dice.below(100);
            const qint32 invoice = b.document(invoices, u"%1 %2"_s.arg(invoiceNo, customer), u"pdf",
                                              billed, InvoiceTemplate,
                                              {{u"Customer"_s, customer},
                                               {u"Invoice Number"_s, invoiceNo},
                                               {u"Invoice Date"_s, isoDate(billed)},
                                               {u"Amount"_s, money(amount)},
                                               {u"Currency"_s, u"USD"_s}});
            QMap<QString, QString> billing;
            if (dice.chance(60)) {
                billing = {{u"amount"_s, money(amount)}, {u"currency"_s, u"USD"_s}};
                if (dice.chance(50))
                    billing.insert(u"poNumber"_s, u"PO-%1"_s.arg(dice.between(10000, 99999)));
            }
            b.link(Billing, invoice, sow, billing);
            billed = later(billed, 28, 92);
        }
        when = later(when, 30, 200);
    }

    // Order forms: a later one supersedes the earlier.
    qint32 previousOrder = 0;
    for (int i = 0, forms = dice.between(2, 3); i < forms; ++i) {
        const qint64 at = later(start, 5 + i * 120, 60 + i * 200);
        const qint32 order
            = b.document(folder, u"%1 — Order Form %2"_s.arg(customer).arg(i + 1), u"pdf", at);
        b.link(GovernedBy, order, StandardTermsId, termsProperties(at));
        if (previousOrder != 0)
            b.link(Supersedes, order, previousOrder);
        previousOrder = order;
    }

    // Amendments to the MSA; the locked customer's second one is a draft under legal review.
    const int amendments = locked ? 2 : dice.below(3);
    for (int i = 1; i <= amendments; ++i) {
        const bool draft = locked && i == amendments;
        const qint64 at = later(start, 90 * i, 150 * i);
        const QString change = dice.pick(Amendments).toString();
        const qint32 amendment
            = b.document(folder,
                         u"%1 — Amendment %2 to MSA%3"_s.arg(customer).arg(i).arg(
                             draft ? u" (draft)"_s : QString()),
                         draft ? u"docx" : u"pdf", at, ContractTemplate,
                         {{u"Customer"_s, customer},
                          {u"Contract Number"_s, u"%1-A%2"_s.arg(contractNo).arg(i)}});
        QMap<QString, QString> properties;
        if (dice.chance(65) || draft)
            properties
                = {{u"effectiveDate"_s, isoDate(at + 14 * DayMs)}, {u"changeSummary"_s, change}};
        b.link(AmendsDefinition, amendment, msa, properties);
        if (!draft) // a draft is not in force yet
            b.link(GovernedBy, amendment, StandardTermsId, termsProperties(at));
        if (draft) {
            LaserficheEntry *e = b.entry(amendment);
            e->locked = true;
            e->isCheckedOut = true;
        }
    }

    // E-mails carrying signed copies.
    for (int i = 0, mails = dice.below(3); i < mails; ++i) {
        const qint32 copy = dice.pick(signedCopies);
        const LaserficheEntry *attached = b.entry(copy);
        const qint64 at
            = std::max(later(start, 10, 400), attached ? attached->createdMs + DayMs : 0);
        const QString subject = dice.pick(Subjects).toString();
        const qint32 mail = b.document(folder, u"RE: %1 — %2"_s.arg(subject, customer), u"msg", at,
                                       CorrespondenceTemplate,
                                       {{u"Customer"_s, customer},
                                        {u"From"_s, dice.pick(Staff).toString()},
                                        {u"Subject"_s, subject}});
        b.link(EmailAttachment, mail, copy);
    }
}

} // namespace

void populateLaserficheDemo(LaserficheWorld &world, quint32 seed, int scale)
{
    world.addTemplate(
        {ContractTemplate,
         u"Contract"_s,
         {u"Customer"_s, u"Contract Number"_s, u"Effective Date"_s, u"Contract Value"_s}});
    world.addTemplate(
        {InvoiceTemplate,
         u"Invoice"_s,
         {u"Customer"_s, u"Invoice Number"_s, u"Invoice Date"_s, u"Amount"_s, u"Currency"_s}});
    world.addTemplate(
        {CorrespondenceTemplate, u"Correspondence"_s, {u"Customer"_s, u"From"_s, u"Subject"_s}});
    world.addLinkDefinition(
        {EmailAttachment, u"Message"_s, u"Attachment"_s, u"Email Attachment"_s});
    world.addLinkDefinition({Supporting, u"Supported Document"_s, u"Supporting Document"_s,
                             u"Supporting documentation"_s});
    world.addLinkDefinition({AttachedTo, u"Attachment"_s, u"Attached To"_s,
                             u"Signed copy or file attached to a record"_s});
    world.addLinkDefinition(
        {AmendsDefinition, u"Amends"_s, u"Amended By"_s, u"Contract amendment"_s});
    world.addLinkDefinition(
        {Billing, u"Invoice"_s, u"Billed Agreement"_s, u"Invoice issued under an agreement"_s});
    world.addLinkDefinition({Supersedes, u"Supersedes"_s, u"Superseded By"_s,
                             u"A newer version replaces an older one"_s});
    world.addLinkDefinition({GovernedBy, u"Governed Agreement"_s, u"Governing Terms"_s,
                             u"Agreement governed by standard terms"_s});

    const qint64 founded = BaseMs - 1500 * DayMs;
    // The landmarks, with fixed ids.
    const auto landmark = [&world](qint32 id, qint32 parent, const QString &name,
                                   LaserficheEntryType type, const QString &creator, qint64 when) {
        LaserficheEntry e;
        e.id = id;
        e.parentId = parent;
        e.name = name;
        e.type = type;
        e.creator = creator;
        e.createdMs = e.modifiedMs = when;
        if (type == Document) {
            e.extension = u"pdf"_s;
            e.mimeType = u"application/pdf"_s;
            e.size = 412337;
            e.pageCount = 14;
            e.isRecord = true;
        }
        world.addEntry(e);
    };
    landmark(RootFolderId, 0, QString(), Folder, u"admin"_s, founded - 30 * DayMs);
    landmark(CustomersFolderId, RootFolderId, u"Customers"_s, Folder, u"admin"_s, founded);
    landmark(CompanyFolderId, RootFolderId, u"Northwind Analytics"_s, Folder, u"admin"_s, founded);
    landmark(LegalFolderId, CompanyFolderId, u"Legal"_s, Folder, u"Dana Whitfield"_s, founded);
    landmark(StandardTermsId, LegalFolderId, u"Northwind Analytics Standard Terms 2024"_s, Document,
             u"Dana Whitfield"_s, BaseMs - 700 * DayMs);
    Builder b(world, seed, StandardTermsId + 1);

    const qint32 legal = LegalFolderId;
    const qint32 dpa
        = b.document(legal, u"Data Processing Addendum 2024"_s, u"pdf", BaseMs - 690 * DayMs);
    b.link(Supporting, StandardTermsId, dpa);
    const qint32 oldTerms = b.document(legal, u"Northwind Analytics Standard Terms 2022"_s, u"pdf",
                                       BaseMs - 1400 * DayMs);
    b.link(Supersedes, StandardTermsId, oldTerms,
           {{u"effectiveDate"_s, isoDate(BaseMs - 700 * DayMs)}});
    const qint32 templates = b.folder(CompanyFolderId, u"Templates"_s, founded);
    b.document(templates, u"Statement of Work Template"_s, u"docx", founded + DayMs);
    b.document(templates, u"Invoice Template"_s, u"xlsx", founded + DayMs);
    const qint32 keyAccounts = b.folder(CompanyFolderId, u"Key Accounts"_s, founded + 2 * DayMs);

    int sowNumber = 0;
    int invoiceNumber = 0;
    constexpr int CustomerCount = int(std::size(Customers));
    const int customers = scale > 0 ? std::max(1, scale / 20) : CustomerCount;
    QList<qint32> agreements;
    for (int i = 0; i < customers; ++i) {
        const QString name = i < CustomerCount
            ? Customers[i].toString()
            : u"%1 %2"_s.arg(Customers[i % CustomerCount]).arg(i / CustomerCount + 1);
        populateCustomer(b, name, name == LockedCustomer, sowNumber, invoiceNumber);
        if (i < 5) // the MSA: the customer folder's third entry
            agreements.append(
                world.children(world.children(CustomersFolderId).last()->id).at(1)->id);
    }
    for (qint32 agreement : agreements)
        b.shortcut(keyAccounts, agreement, BaseMs - 30 * DayMs);
}
