// The Laserfiche Repository API v2 simulator, spoken to over loopback HTTP the way a connector
// speaks to Laserfiche Cloud. Every exchange goes to the exchange log that the
// laserfiche_spec_validation test checks against the OpenAPI document; the few requests that the
// document cannot describe (unknown paths, wrong methods) are sent with the log off.

#include "sandbox/laserfichedemo.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkProxy>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Start = 1767225600000; // 2026-01-01T00:00:00Z
const QString Repo = QString::fromLatin1(LaserficheSandbox::RepositoryId);

using Headers = SandboxReply::Headers;

QString entryPath(qint32 id, const QString &tail = {})
{
    return u"Repositories/%1/Entries/%2%3"_s.arg(Repo).arg(id).arg(tail);
}

/// The items of an OData collection (or of PUT .../Links' answer).
QJsonArray values(const SandboxReply &reply)
{
    return reply.json().value("value"_L1).toArray();
}

/// What a link looks like in PUT .../Links, seen from `entry`.
QJsonObject toUpdate(const QJsonObject &link, qint32 entry)
{
    const bool isSource = link.value("sourceId"_L1).toInt() == entry;
    QJsonObject result{
        {"linkDefinitionId"_L1, link.value("linkDefinitionId"_L1)},
        {"otherEntryId"_L1, link.value(isSource ? "targetId"_L1 : "sourceId"_L1)},
        {"isSource"_L1, isSource},
    };
    if (!link.value("customProperties"_L1).toObject().isEmpty())
        result.insert("customProperties"_L1, link.value("customProperties"_L1));
    return result;
}

/// A link's identity and content, for comparing link sets.
QString signature(const QJsonObject &link)
{
    return u"%1:%2->%3 %4"_s.arg(link.value("linkDefinitionId"_L1).toInt())
        .arg(link.value("sourceId"_L1).toInt())
        .arg(link.value("targetId"_L1).toInt())
        .arg(QString::fromUtf8(QJsonDocument(link.value("customProperties"_L1).toObject())
                                   .toJson(QJsonDocument::Compact)));
}

QStringList signatures(const QJsonArray &links)
{
    QStringList result;
    for (const QJsonValue &link : links)
        result.append(signature(link.toObject()));
    result.sort();
    return result;
}

QJsonArray firstOf(const QJsonArray &array, qsizetype count)
{
    QJsonArray result;
    for (qsizetype i = 0; i < std::min(count, array.size()); ++i)
        result.append(array.at(i));
    return result;
}

void checkProblem(const SandboxReply &reply, int status)
{
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.header("Content-Type").startsWith("application/problem+json"),
             reply.header("Content-Type").constData());
    const QJsonObject body = reply.json();
    QCOMPARE(body.value("status"_L1).toInt(), status);
    QVERIFY(!body.value("title"_L1).toString().isEmpty());
    QVERIFY(body.value("type"_L1).toString().startsWith("https://tools.ietf.org/html/rfc"_L1));
    QVERIFY(body.value("traceId"_L1).isString());
}

} // namespace

class TestLaserficheSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listRepositories();
    void authRefusals_data();
    void authRefusals();
    void scopes();
    void offSpecPaths_data();
    void offSpecPaths();
    void routesIgnoreCase();
    void linkDefinitions();
    void linkDefinitionRefusals_data();
    void linkDefinitionRefusals();
    void getEntry_data();
    void getEntry();
    void getEntryRefusals_data();
    void getEntryRefusals();
    void children();
    void childrenPaging_data();
    void childrenPaging();
    void childrenOptions();
    void childrenRefusals_data();
    void childrenRefusals();
    void linksBothWays();
    void linksPaging_data();
    void linksPaging();
    void linksODataOptions();
    void odataRefusals_data();
    void odataRefusals();
    void setLinksReplacesEverything();
    void setLinksRoundTripOfManyLinks();
    void setLinksEmptyListDeletesAll();
    void setLinksRefusals_data();
    void setLinksRefusals();
    void setLinksWrongContentType();
    void lockedEntry();
    void rateLimit();
    void saveAndRestore();
    void restoreRefusesMalformedState_data();
    void restoreRefusesMalformedState();
    void determinism();
    void scaledWorld();

private:
    SandboxReply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const Headers &headers = {}, const QString &token = {});
    SandboxReply callUrl(const QByteArray &method, const QUrl &url, const QByteArray &body,
                         const Headers &headers, const QString &token);
    /// Every item of the collection at `url`, following @odata.nextLink for at most `maxPages`
    /// pages; empty (with a warning) if a page fails.
    QJsonArray allPages(QUrl url, const Headers &headers, int maxPages = 2000);
    QJsonArray allLinks(qint32 entry, int pageSize = 0);
    SandboxReply putLinks(qint32 entry, const QJsonArray &links);
    qint32 lockedEntryId() const;

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    QString m_token;
};

void TestLaserficheSandbox::initTestCase()
{
    // A fresh exchange log for this run (CTest sets the variable; the validator reads the file).
    if (const QString log = qEnvironmentVariable("LINKLOOM_SANDBOX_EXCHANGE_LOG"); !log.isEmpty())
        QFile::remove(log);
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

void TestLaserficheSandbox::init()
{
    m_server = std::make_unique<SandboxServer>();
    QVERIFY(m_server->start() != 0);
    m_token = m_server->laserfiche().issueAccessTokenForTesting();
    m_server->laserfiche().rateLimiter().setLimit(0); // rateLimit() tests it on its own
}

void TestLaserficheSandbox::cleanup()
{
    m_server.reset();
}

SandboxReply TestLaserficheSandbox::callUrl(const QByteArray &method, const QUrl &url,
                                            const QByteArray &body, const Headers &headers,
                                            const QString &token)
{
    Headers all{{"Authorization"_ba, "Bearer "_ba + (token.isNull() ? m_token : token).toLatin1()}};
    all += headers; // may replace or remove it
    return SandboxReply::send(m_nam, method, url, body, all);
}

SandboxReply TestLaserficheSandbox::call(const QByteArray &method, const QString &path,
                                         const QByteArray &body, const Headers &headers,
                                         const QString &token)
{
    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    const qsizetype question = path.indexOf(u'?');
    url.setPath(url.path() + u"/v2/"_s + path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return callUrl(method, url, body, headers, token);
}

QJsonArray TestLaserficheSandbox::allPages(QUrl url, const Headers &headers, int maxPages)
{
    QJsonArray result;
    for (int page = 0; page < maxPages && url.isValid(); ++page) {
        const SandboxReply reply = callUrl("GET"_ba, url, {}, headers, {});
        if (reply.status != 200) {
            qWarning() << "paging failed" << reply.status << reply.body;
            return {};
        }
        for (const QJsonValue &item : values(reply))
            result.append(item);
        url = QUrl(reply.json().value("@odata.nextLink"_L1).toString());
    }
    return result;
}

QJsonArray TestLaserficheSandbox::allLinks(qint32 entry, int pageSize)
{
    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    url.setPath(url.path() + u"/v2/"_s + entryPath(entry, u"/Links"_s));
    return allPages(url,
                    pageSize > 0
                        ? Headers{{"Prefer"_ba, "maxpagesize="_ba + QByteArray::number(pageSize)}}
                        : Headers{});
}

SandboxReply TestLaserficheSandbox::putLinks(qint32 entry, const QJsonArray &links)
{
    return call("PUT"_ba, entryPath(entry, u"/Links"_s),
                QJsonDocument(QJsonObject{{"links"_L1, links}}).toJson(QJsonDocument::Compact));
}

qint32 TestLaserficheSandbox::lockedEntryId() const
{
    const LaserficheWorld &world = m_server->laserfiche().world();
    for (qint32 id = 1; id < 100000; ++id) {
        if (const LaserficheEntry *e = world.entry(id); e && e->locked)
            return id;
    }
    return 0;
}

void TestLaserficheSandbox::listRepositories()
{
    const SandboxReply reply = call("GET"_ba, u"Repositories"_s);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonArray repositories = values(reply);
    QCOMPARE(repositories.size(), 1);
    QCOMPARE(repositories.first()["id"_L1].toString(), Repo);
    QCOMPARE(repositories.first()["name"_L1].toString(), u"Northwind"_s);
    QVERIFY(repositories.first()["webClientUrl"_L1].toString().startsWith("http"_L1));
}

void TestLaserficheSandbox::authRefusals_data()
{
    QTest::addColumn<QByteArray>("authorization"); // null: no header
    QTest::addColumn<qint64>("advanceMs");

    QTest::newRow("no header") << QByteArray() << 0LL;
    QTest::newRow("unknown token") << "Bearer not-a-token"_ba << 0LL;
    QTest::newRow("empty bearer") << "Bearer "_ba << 0LL;
    QTest::newRow("basic") << "Basic ZGVtbzpkZW1v"_ba << 0LL;
    QTest::newRow("expired") << "%TOKEN%"_ba << 3600'000LL;
}

void TestLaserficheSandbox::authRefusals()
{
    QFETCH(QByteArray, authorization);
    QFETCH(qint64, advanceMs);

    m_server->clock().freezeAt(Start);
    const QString token = m_server->laserfiche().issueAccessTokenForTesting();
    if (authorization == "%TOKEN%")
        authorization = "Bearer "_ba + token.toLatin1();
    m_server->clock().advance(advanceMs);
    for (const QString &path : {u"Repositories"_s, entryPath(5, u"/Links"_s),
                                u"Repositories/%1/LinkDefinitions"_s.arg(Repo)}) {
        const SandboxReply reply = call("GET"_ba, path, {}, {{"Authorization"_ba, authorization}});
        checkProblem(reply, 401);
        QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    }
    const SandboxReply put = call("PUT"_ba, entryPath(5, u"/Links"_s), "{\"links\":[]}"_ba,
                                  {{"Authorization"_ba, authorization}});
    checkProblem(put, 401);
    QCOMPARE(m_server->laserfiche().world().linksOf(5).size(), allLinks(5).size());
    QVERIFY(allLinks(5).size() > 100); // nothing was deleted
}

void TestLaserficheSandbox::scopes()
{
    LaserficheSandbox &laserfiche = m_server->laserfiche();
    const QString readOnly = laserfiche.issueAccessTokenForTesting({u"repository.Read"_s});
    const QString writeOnly = laserfiche.issueAccessTokenForTesting({u"repository.Write"_s});
    const QByteArray body = "{\"links\":[]}"_ba;
    const qsizetype before = laserfiche.world().linksOf(LaserficheDemo::StandardTermsId).size();

    QCOMPARE(call("GET"_ba, u"Repositories"_s, {}, {}, readOnly).status, 200);
    checkProblem(
        call("PUT"_ba, entryPath(LaserficheDemo::StandardTermsId, u"/Links"_s), body, {}, readOnly),
        403);
    QCOMPARE(laserfiche.world().linksOf(LaserficheDemo::StandardTermsId).size(), before);
    checkProblem(call("GET"_ba, entryPath(5), {}, {}, writeOnly), 403);
    QCOMPARE(
        call("PUT"_ba, entryPath(LaserficheDemo::StandardTermsId, u"/Links"_s), body, {}, writeOnly)
            .status,
        200);
    QCOMPARE(laserfiche.world().linksOf(LaserficheDemo::StandardTermsId).size(), 0);
}

void TestLaserficheSandbox::offSpecPaths_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // below /laserfiche
    QTest::addColumn<int>("status");

    QTest::newRow("v1") << "GET"_ba << u"repository/v1/Repositories"_s << 404;
    QTest::newRow("no api") << "GET"_ba << u"nothing/here"_s << 404;
    QTest::newRow("unserved operation")
        << "GET"_ba << u"repository/v2/Repositories/%1/Entries/5/Tags"_s.arg(Repo) << 404;
    QTest::newRow("too deep") << "GET"_ba
                              << u"repository/v2/Repositories/%1/Entries/5/Links/1"_s.arg(Repo)
                              << 404;
    QTest::newRow("DELETE entry") << "DELETE"_ba
                                  << u"repository/v2/Repositories/%1/Entries/5"_s.arg(Repo) << 405;
    QTest::newRow("POST links") << "POST"_ba
                                << u"repository/v2/Repositories/%1/Entries/5/Links"_s.arg(Repo)
                                << 405;
    QTest::newRow("PUT repositories") << "PUT"_ba << u"repository/v2/Repositories"_s << 405;
}

void TestLaserficheSandbox::offSpecPaths()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);

    m_server->setExchangeLog({}); // the spec has no such operations
    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    url.setPath(u"/laserfiche/"_s + path);
    const SandboxReply reply = callUrl(method, url, "{}"_ba, {}, {});
    checkProblem(reply, status);
    if (status == 405)
        QVERIFY(reply.header("Allow").contains("GET"));
    QCOMPARE(m_server->laserfiche().world().entry(5)->name,
             u"Northwind Analytics Standard Terms 2024"_s);
}

void TestLaserficheSandbox::routesIgnoreCase()
{
    // ASP.NET routes match paths case-insensitively; the repository id is data and must match.
    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    url.setPath(url.path() + u"/V2/repositories/%1/entries/5/links"_s.arg(Repo));
    m_server->setExchangeLog({}); // the spec spells the path one way
    QCOMPARE(callUrl("GET"_ba, url, {}, {}, {}).status, 200);
    url.setPath(url.path().replace(Repo, Repo.toUpper()));
    checkProblem(callUrl("GET"_ba, url, {}, {}, {}), 404);
}

void TestLaserficheSandbox::linkDefinitions()
{
    const SandboxReply reply = call("GET"_ba, u"Repositories/%1/LinkDefinitions"_s.arg(Repo));
    QCOMPARE(reply.status, 200);
    const QJsonArray definitions = values(reply);
    QCOMPARE(definitions.size(), 7);
    QStringList labels;
    for (const QJsonValue &value : definitions) {
        const QJsonObject d = value.toObject();
        QCOMPARE(d.keys(),
                 (QStringList{u"description"_s, u"id"_s, u"sourceLabel"_s, u"targetLabel"_s}));
        labels.append(d.value("sourceLabel"_L1).toString() + u'/'
                      + d.value("targetLabel"_L1).toString());
    }
    QVERIFY(labels.contains(u"Supported Document/Supporting Document"_s));
    QVERIFY(labels.contains(u"Attachment/Attached To"_s));
    QVERIFY(labels.contains(u"Amends/Amended By"_s));
    QCOMPARE(definitions.first()["id"_L1].toInt(), 1); // Laserfiche's default link type
    QCOMPARE(definitions.first()["sourceLabel"_L1].toString(), u"Message"_s);
    QVERIFY(reply.json().value("@odata.context"_L1).toString().contains("$metadata#"_L1));
    QVERIFY(!reply.json().contains("@odata.nextLink"_L1));

    const SandboxReply one = call("GET"_ba, u"Repositories/%1/LinkDefinitions/4"_s.arg(Repo));
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value("id"_L1).toInt(), 4);
    QCOMPARE(one.json().value("sourceLabel"_L1).toString(), u"Amends"_s);
    QCOMPARE(one.json().value("targetLabel"_L1).toString(), u"Amended By"_s);

    const SandboxReply selected
        = call("GET"_ba, u"Repositories/%1/LinkDefinitions/4?$select=sourceLabel"_s.arg(Repo));
    QCOMPARE(selected.json().value("sourceLabel"_L1).toString(), u"Amends"_s);
    QVERIFY(!selected.json().contains("targetLabel"_L1));

    const SandboxReply paged = call(
        "GET"_ba,
        u"Repositories/%1/LinkDefinitions?$orderby=sourceLabel desc&$top=3&$count=true"_s.arg(
            Repo));
    QCOMPARE(paged.status, 200);
    QCOMPARE(values(paged).size(), 3);
    QCOMPARE(paged.json().value("@odata.count"_L1).toInt(), 7);
    QCOMPARE(values(paged).first()["sourceLabel"_L1].toString(), u"Supported Document"_s);
}

void TestLaserficheSandbox::linkDefinitionRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("unknown id") << u"Repositories/%1/LinkDefinitions/99"_s.arg(Repo) << 404;
    QTest::newRow("not a number") << u"Repositories/%1/LinkDefinitions/abc"_s.arg(Repo) << 400;
    QTest::newRow("unknown repository") << u"Repositories/r-00000000/LinkDefinitions"_s << 404;
    QTest::newRow("unknown property")
        << u"Repositories/%1/LinkDefinitions?$select=color"_s.arg(Repo) << 400;
    QTest::newRow("$top on one") << u"Repositories/%1/LinkDefinitions/1?$top=1"_s.arg(Repo) << 400;
}

void TestLaserficheSandbox::linkDefinitionRefusals()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    checkProblem(call("GET"_ba, path), status);
}

void TestLaserficheSandbox::getEntry_data()
{
    QTest::addColumn<qint32>("id");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("fullPath");

    QTest::newRow("root") << 1 << u"Folder"_s << u"\\"_s;
    QTest::newRow("folder") << LaserficheDemo::CustomersFolderId << u"Folder"_s << u"\\Customers"_s;
    QTest::newRow("document")
        << LaserficheDemo::StandardTermsId << u"Document"_s
        << u"\\Northwind Analytics\\Legal\\Northwind Analytics Standard Terms 2024"_s;
}

void TestLaserficheSandbox::getEntry()
{
    QFETCH(qint32, id);
    QFETCH(QString, type);
    QFETCH(QString, fullPath);

    const SandboxReply reply = call("GET"_ba, entryPath(id));
    QCOMPARE(reply.status, 200);
    const QJsonObject entry = reply.json();
    QCOMPARE(entry.value("id"_L1).toInt(), id);
    QCOMPARE(entry.value("entryType"_L1).toString(), type);
    QCOMPARE(entry.value("fullPath"_L1).toString(), fullPath);
    QCOMPARE(entry.value("@odata.type"_L1).toString(), u"#Laserfiche.Repository."_s + type);
    QCOMPARE(entry.value("isContainer"_L1).toBool(), type == "Folder"_L1);
    QCOMPARE(entry.value("isLeaf"_L1).toBool(), type != "Folder"_L1);
    QVERIFY(entry.value("creationTime"_L1).toString().endsWith(u'Z'));
    QVERIFY(QDateTime::fromString(entry.value("lastModifiedTime"_L1).toString(), Qt::ISODateWithMs)
                .isValid());
    if (type == "Document"_L1) {
        QCOMPARE(entry.value("extension"_L1).toString(), u"pdf"_s);
        QCOMPARE(entry.value("mimeType"_L1).toString(), u"application/pdf"_s);
        QVERIFY(entry.value("electronicDocumentSize"_L1).toInteger() > 0);
        QCOMPARE(entry.value("folderPath"_L1).toString(), u"\\Northwind Analytics\\Legal"_s);
        QCOMPARE(entry.value("parentId"_L1).toInt(), LaserficheDemo::LegalFolderId);
    } else {
        QVERIFY(entry.contains("isRecordFolder"_L1));
        QVERIFY(!entry.contains("extension"_L1));
    }

    const SandboxReply selected = call("GET"_ba, entryPath(id) + u"?$select=name,entryType"_s);
    QCOMPARE(selected.status, 200);
    QCOMPARE(selected.json().value("entryType"_L1).toString(), type);
    QVERIFY(!selected.json().contains("fullPath"_L1));
}

void TestLaserficheSandbox::getEntryRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("unknown entry") << entryPath(987654) << 404;
    QTest::newRow("zero") << entryPath(0) << 404;
    QTest::newRow("negative") << entryPath(-3) << 404;
    QTest::newRow("not a number") << u"Repositories/%1/Entries/abc"_s.arg(Repo) << 400;
    QTest::newRow("too big") << u"Repositories/%1/Entries/99999999999"_s.arg(Repo) << 400;
    QTest::newRow("unknown repository") << u"Repositories/r-nope/Entries/1"_s << 404;
    QTest::newRow("$filter") << entryPath(1) + u"?$filter=id eq 1"_s << 400;
    QTest::newRow("$expand") << entryPath(1) + u"?$expand=fields"_s << 400;
    QTest::newRow("unknown $select") << entryPath(1) + u"?$select=size"_s << 400;
}

void TestLaserficheSandbox::getEntryRefusals()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    checkProblem(call("GET"_ba, path), status);
}

void TestLaserficheSandbox::children()
{
    const SandboxReply root = call("GET"_ba, entryPath(1, u"/Folder/Children"_s));
    QCOMPARE(root.status, 200);
    QStringList names;
    for (const QJsonValue &child : values(root))
        names.append(child["name"_L1].toString());
    QCOMPARE(names, (QStringList{u"Customers"_s, u"Northwind Analytics"_s}));
    QVERIFY(!values(root).first()["@odata.type"_L1].isString()); // listings are not converted

    const SandboxReply customers
        = call("GET"_ba, entryPath(LaserficheDemo::CustomersFolderId, u"/Folder/Children"_s));
    QCOMPARE(customers.status, 200);
    QCOMPARE(values(customers).size(), 24);
    names.clear();
    for (const QJsonValue &child : values(customers)) {
        names.append(child["name"_L1].toString());
        QCOMPARE(child["entryType"_L1].toString(), u"Folder"_s);
        QCOMPARE(child["parentId"_L1].toInt(), LaserficheDemo::CustomersFolderId);
        QCOMPARE(child["fullPath"_L1].toString(), u"\\Customers\\"_s + names.last());
    }
    QVERIFY(names.contains(u"Lumen Labs"_s)); // the story shared with Copper
    QVERIFY(std::ranges::is_sorted(names, [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    }));

    // A customer folder: agreements, an Invoices folder, documents of several kinds.
    const qint32 lumen = values(customers).at(names.indexOf(u"Lumen Labs"_s))["id"_L1].toInt();
    const SandboxReply folder = call("GET"_ba, entryPath(lumen, u"/Folder/Children"_s));
    QSet<QString> kinds;
    bool hasInvoices = false;
    for (const QJsonValue &child : values(folder)) {
        kinds.insert(child["entryType"_L1].toString());
        hasInvoices |= child["name"_L1].toString() == "Invoices"_L1;
    }
    QVERIFY(hasInvoices);
    QVERIFY(kinds.contains(u"Document"_s) && kinds.contains(u"Folder"_s));
    QVERIFY(values(folder).size() >= 8);
}

void TestLaserficheSandbox::childrenPaging_data()
{
    QTest::addColumn<QByteArray>("prefer");
    QTest::addColumn<int>("pageSize");

    QTest::newRow("default 150") << QByteArray() << 150;
    QTest::newRow("maxpagesize=7") << "maxpagesize=7"_ba << 7;
    QTest::newRow("odata.maxpagesize=100") << "odata.maxpagesize=100"_ba << 100;
    QTest::newRow("among other preferences") << "return=minimal, odata.maxpagesize=60"_ba << 60;
    QTest::newRow("too big: capped") << "maxpagesize=5000"_ba << 1000;
    QTest::newRow("nonsense: ignored") << "maxpagesize=lots"_ba << 150;
}

void TestLaserficheSandbox::childrenPaging()
{
    QFETCH(QByteArray, prefer);
    QFETCH(int, pageSize);

    // A bigger world: about 222 customer folders in \Customers.
    m_server = std::make_unique<SandboxServer>(nullptr, 415, 4000);
    QVERIFY(m_server->start() != 0);
    m_token = m_server->laserfiche().issueAccessTokenForTesting();
    m_server->laserfiche().rateLimiter().setLimit(0);
    const qsizetype total
        = m_server->laserfiche().world().children(LaserficheDemo::CustomersFolderId).size();
    QVERIFY(total > 150 && total < 1000);

    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    url.setPath(url.path() + u"/v2/"_s
                + entryPath(LaserficheDemo::CustomersFolderId, u"/Folder/Children"_s));
    url.setQuery(u"$count=true"_s);
    const Headers headers = prefer.isNull() ? Headers{} : Headers{{"Prefer"_ba, prefer}};
    QList<qint32> ids;
    int pages = 0;
    while (url.isValid() && pages < 100) {
        const SandboxReply reply = callUrl("GET"_ba, url, {}, headers, {});
        QCOMPARE(reply.status, 200);
        ++pages;
        QCOMPARE(reply.json().value("@odata.count"_L1).toInteger(), total);
        const QByteArray applied = reply.header("Preference-Applied");
        if (prefer.isNull() || pageSize == 150)
            QVERIFY(applied.isNull());
        else
            QVERIFY2(applied.endsWith(QByteArray("maxpagesize=" + QByteArray::number(pageSize))),
                     applied.constData());
        for (const QJsonValue &child : values(reply))
            ids.append(child["id"_L1].toInt());
        const QString next = reply.json().value("@odata.nextLink"_L1).toString();
        QCOMPARE(values(reply).size(), next.isEmpty() ? (total - 1) % pageSize + 1 : pageSize);
        url = QUrl(next);
        if (!next.isEmpty()) { // absolute, same host and port, never elsewhere
            QCOMPARE(url.host(), u"127.0.0.1"_s);
            QCOMPARE(url.port(), int(m_server->port()));
            QCOMPARE(url.scheme(), u"http"_s);
        }
    }
    QCOMPARE(pages, int((total + pageSize - 1) / pageSize));
    QCOMPARE(ids.size(), total);
    QCOMPARE(QSet<qint32>(ids.begin(), ids.end()).size(), total);
}

void TestLaserficheSandbox::childrenOptions()
{
    const qint32 lumenFolder = [&] {
        for (const LaserficheEntry *e :
             m_server->laserfiche().world().children(LaserficheDemo::CustomersFolderId)) {
            if (e->name == "Lumen Labs"_L1)
                return e->id;
        }
        return 0;
    }();
    const QString path = entryPath(lumenFolder, u"/Folder/Children"_s);

    const QJsonArray grouped = values(call("GET"_ba, path + u"?groupByEntryType=true"_s));
    QCOMPARE(grouped.first()["entryType"_L1].toString(), u"Folder"_s); // Invoices first
    QCOMPARE(grouped.first()["name"_L1].toString(), u"Invoices"_s);

    const QJsonArray byNewest
        = values(call("GET"_ba, path + u"?$orderby=creationTime desc,name&$top=4&$skip=1"_s));
    QCOMPARE(byNewest.size(), 4);
    for (qsizetype i = 1; i < byNewest.size(); ++i) {
        QVERIFY(byNewest[i - 1]["creationTime"_L1].toString()
                >= byNewest[i]["creationTime"_L1].toString());
    }

    const QJsonArray withFields = values(
        call("GET"_ba, path + u"?fields=Customer&fields=Contract Number&$select=name,fields"_s));
    bool sawContract = false;
    for (const QJsonValue &child : withFields) {
        QVERIFY(!child.toObject().contains("fullPath"_L1));
        for (const QJsonValue &field : child["fields"_L1].toArray()) {
            QVERIFY(field["name"_L1] == "Customer"_L1 || field["name"_L1] == "Contract Number"_L1);
            if (field["name"_L1] == "Customer"_L1)
                QCOMPARE(field["values"_L1].toArray().first().toString(), u"Lumen Labs"_s);
            sawContract |= field["name"_L1] == "Contract Number"_L1;
        }
    }
    QVERIFY(sawContract);
}

void TestLaserficheSandbox::childrenRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("a document") << entryPath(LaserficheDemo::StandardTermsId, u"/Folder/Children"_s)
                                << 400;
    QTest::newRow("unknown folder") << entryPath(99999, u"/Folder/Children"_s) << 404;
    QTest::newRow("groupByEntryType=maybe")
        << entryPath(1, u"/Folder/Children?groupByEntryType=maybe"_s) << 400;
    QTest::newRow("11 fields") << entryPath(1, u"/Folder/Children?fields=a,b,c,d,e,f,g,h,i,j,k"_s)
                               << 400;
    QTest::newRow("6 orderby clauses")
        << entryPath(1, u"/Folder/Children?$orderby=id,name,id,name,id,name"_s) << 400;
}

void TestLaserficheSandbox::childrenRefusals()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    checkProblem(call("GET"_ba, path), status);
}

void TestLaserficheSandbox::linksBothWays()
{
    // A link shows on both of its entries, with the same id.
    const QJsonArray links = allLinks(LaserficheDemo::StandardTermsId);
    QVERIFY(links.size() > 100);
    const QJsonObject link = (*std::ranges::find_if(links, [](const QJsonValue &v) {
                                 return v["linkDefinitionId"_L1].toInt() == 7;
                             })).toObject();
    QCOMPARE(link.value("targetId"_L1).toInt(), LaserficheDemo::StandardTermsId);
    QCOMPARE(link.value("targetLabel"_L1).toString(), u"Governing Terms"_s);
    QCOMPARE(link.value("sourceLabel"_L1).toString(), u"Governed Agreement"_s);
    QVERIFY(link.value("sourceFullPath"_L1).toString().startsWith("\\Customers\\"_L1));
    QVERIFY(link.value("targetLink"_L1)
                .toString()
                .endsWith(u"/laserfiche/repository/v2/Repositories/%1/Entries/5"_s.arg(Repo)));
    QVERIFY(link.value("customProperties"_L1).isObject());
    const QJsonArray other = allLinks(link.value("sourceId"_L1).toInt());
    QVERIFY(std::ranges::any_of(other, [&](const QJsonValue &v) { return v.toObject() == link; }));

    int withProperties = 0;
    for (const QJsonValue &l : links)
        withProperties += !l["customProperties"_L1].toObject().isEmpty();
    QVERIFY(withProperties > 10 && withProperties < links.size());
}

void TestLaserficheSandbox::linksPaging_data()
{
    QTest::addColumn<int>("pageSize"); // 0: no Prefer header

    for (int size : {0, 1, 7, 100, 101, 1000})
        QTest::addRow("%d", size) << size;
}

void TestLaserficheSandbox::linksPaging()
{
    QFETCH(int, pageSize);

    const qint32 entry = LaserficheDemo::StandardTermsId;
    const qsizetype total = m_server->laserfiche().world().linksOf(entry).size();
    QVERIFY(total > 100);

    const SandboxReply first = call(
        "GET"_ba, entryPath(entry, u"/Links"_s), {},
        pageSize ? Headers{{"Prefer"_ba, QByteArray("maxpagesize=" + QByteArray::number(pageSize))}}
                 : Headers{});
    QCOMPARE(first.status, 200);
    const int expected = pageSize ? pageSize : 100;
    QCOMPARE(values(first).size(), qMin<qsizetype>(expected, total));
    QCOMPARE(first.json().contains("@odata.nextLink"_L1), total > expected);
    QCOMPARE(first.header("Preference-Applied"),
             pageSize ? QByteArray("maxpagesize=" + QByteArray::number(pageSize)) : QByteArray());

    const QJsonArray links = allLinks(entry, pageSize);
    QCOMPARE(links.size(), total);
    QList<int> ids;
    for (const QJsonValue &link : links)
        ids.append(link["id"_L1].toInt());
    QVERIFY(std::ranges::is_sorted(ids));
    QCOMPARE(QSet<int>(ids.begin(), ids.end()).size(), total);
}

void TestLaserficheSandbox::linksODataOptions()
{
    const qint32 entry = LaserficheDemo::StandardTermsId;
    const QString path = entryPath(entry, u"/Links"_s);
    const QJsonArray all = allLinks(entry);

    const SandboxReply counted = call("GET"_ba, path + u"?$count=true&$top=5&$skip=10"_s);
    QCOMPARE(counted.json().value("@odata.count"_L1).toInteger(), all.size());
    QCOMPARE(values(counted).size(), 5);
    QCOMPARE(values(counted).first()["id"_L1], all.at(10)["id"_L1]);
    QVERIFY(!counted.json().contains("@odata.nextLink"_L1)); // $top ends the collection

    // $top larger than a page: the next link carries on, within $top.
    const SandboxReply topped = call("GET"_ba, path + u"?$top=130&$skip=3"_s, {},
                                     {{"Prefer"_ba, "odata.maxpagesize=50"_ba}});
    QCOMPARE(values(topped).size(), 50);
    QUrl next(topped.json().value("@odata.nextLink"_L1).toString());
    QCOMPARE(QUrlQuery(next).queryItemValue(u"$top"_s), u"130"_s);
    QList<int> ids;
    for (const QJsonValue &link : allPages(next, {{"Prefer"_ba, "odata.maxpagesize=50"_ba}}, 10))
        ids.append(link["id"_L1].toInt());
    QCOMPARE(ids.size(), 80);
    QCOMPARE(ids.last(), all.at(132)["id"_L1].toInt());

    const QJsonArray ordered
        = values(call("GET"_ba, path + u"?$orderby=sourceId desc&$select=id,sourceId"_s));
    QCOMPARE(ordered.size(), 100);
    QCOMPARE(ordered.first().toObject().keys(), (QStringList{u"id"_s, u"sourceId"_s}));
    for (qsizetype i = 1; i < ordered.size(); ++i)
        QVERIFY(ordered[i - 1]["sourceId"_L1].toInt() >= ordered[i]["sourceId"_L1].toInt());
    // '+' stands for a space in a query, as browsers and many clients write it.
    QCOMPARE(values(call("GET"_ba, path + u"?$orderby=sourceId+desc&$select=id,sourceId"_s)),
             ordered);
}

void TestLaserficheSandbox::odataRefusals_data()
{
    QTest::addColumn<QString>("query");

    QTest::newRow("$top=-1") << u"$top=-1"_s;
    QTest::newRow("$top=x") << u"$top=x"_s;
    QTest::newRow("$skip=-5") << u"$skip=-5"_s;
    QTest::newRow("$count=yes") << u"$count=yes"_s;
    QTest::newRow("$orderby unknown") << u"$orderby=colour"_s;
    QTest::newRow("$orderby sideways") << u"$orderby=id sideways"_s;
    QTest::newRow("$select unknown") << u"$select=id,colour"_s;
    QTest::newRow("$filter") << u"$filter=linkDefinitionId eq 7"_s;
    QTest::newRow("$search") << u"$search=x"_s;
    QTest::newRow("$skiptoken=z") << u"$skiptoken=z"_s;
    QTest::newRow("repeated $top") << u"$top=1&$top=2"_s;
}

void TestLaserficheSandbox::odataRefusals()
{
    QFETCH(QString, query);
    checkProblem(call("GET"_ba, entryPath(LaserficheDemo::StandardTermsId, u"/Links?"_s + query)),
                 400);
}

void TestLaserficheSandbox::setLinksReplacesEverything()
{
    // An MSA: supporting SOWs, a signed copy, the standard terms, maybe amendments.
    const qint32 customer
        = m_server->laserfiche().world().children(LaserficheDemo::CustomersFolderId).first()->id;
    const qint32 msa = m_server->laserfiche().world().children(customer).at(1)->id;
    const QJsonArray before = allLinks(msa);
    QVERIFY(before.size() >= 4);

    // Keep all but the first; change the second's custom properties; drop the third's; add one.
    QJsonArray wanted;
    for (qsizetype i = 1; i < before.size(); ++i)
        wanted.append(toUpdate(before.at(i).toObject(), msa));
    QJsonObject changed = wanted.at(0).toObject();
    changed.insert("customProperties"_L1,
                   QJsonObject{{"reviewedBy"_L1, "Priya Raman"_L1}, {"note"_L1, "ünïcode ✓"_L1}});
    wanted.replace(0, changed);
    QJsonObject stripped = wanted.at(1).toObject();
    stripped.remove("customProperties"_L1);
    wanted.replace(1, stripped);
    const qint32 newTarget = LaserficheDemo::LegalFolderId;
    wanted.append(QJsonObject{{"linkDefinitionId"_L1, 2},
                              {"otherEntryId"_L1, newTarget},
                              {"customProperties"_L1, QJsonObject{{"why"_L1, "test"_L1}}}});
    // isSource left out: true by default

    const SandboxReply reply = putLinks(msa, wanted);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().value("@odata.context"_L1).toString().contains("Link"_L1));
    const QJsonArray after = allLinks(msa);
    QCOMPARE(signatures(values(reply)), signatures(after));

    QStringList expected;
    for (const QJsonValue &update : wanted) {
        const QJsonObject u = update.toObject();
        const bool isSource = u.value("isSource"_L1).toBool(true);
        const int other = u.value("otherEntryId"_L1).toInt();
        expected.append(signature({{"linkDefinitionId"_L1, u.value("linkDefinitionId"_L1)},
                                   {"sourceId"_L1, isSource ? msa : other},
                                   {"targetId"_L1, isSource ? other : msa},
                                   {"customProperties"_L1, u.value("customProperties"_L1)}}));
    }
    expected.sort();
    QCOMPARE(signatures(after), expected);

    // Kept links keep their ids; the dropped one is gone from its other end too.
    for (qsizetype i = 1; i < before.size(); ++i) {
        QVERIFY(std::ranges::any_of(
            after, [&](const QJsonValue &v) { return v["id"_L1] == before.at(i)["id"_L1]; }));
    }
    const QJsonObject dropped = before.first().toObject();
    const int droppedOther = dropped.value("sourceId"_L1).toInt() == msa
        ? dropped.value("targetId"_L1).toInt()
        : dropped.value("sourceId"_L1).toInt();
    QVERIFY(std::ranges::none_of(allLinks(droppedOther), [&](const QJsonValue &v) {
        return v["id"_L1] == dropped.value("id"_L1);
    }));
    const QJsonArray newEnd = allLinks(newTarget);
    QCOMPARE(newEnd.size(), 1);
    QCOMPARE(newEnd.first()["sourceId"_L1].toInt(), msa);
    QCOMPARE(newEnd.first()["sourceLabel"_L1].toString(), u"Supported Document"_s);

    // The same PUT again changes nothing.
    QCOMPARE(putLinks(msa, wanted).status, 200);
    QCOMPARE(allLinks(msa), after);
}

void TestLaserficheSandbox::setLinksRoundTripOfManyLinks()
{
    // The safe way to change one link of an entry with more than one page of links.
    const qint32 entry = LaserficheDemo::StandardTermsId;
    const QJsonArray before = allLinks(entry);
    QVERIFY(before.size() > 100);

    QJsonArray all;
    for (const QJsonValue &link : before)
        all.append(toUpdate(link.toObject(), entry));
    const SandboxReply same = putLinks(entry, all);
    QCOMPARE(same.status, 200);
    QCOMPARE(values(same).size(), before.size()); // the answer is not paged
    QCOMPARE(allLinks(entry), before); // ids, ends and custom properties all kept

    // Sending only the first page would delete the rest: what a careless client does.
    QJsonArray firstPage;
    for (const QJsonValue &link : values(call("GET"_ba, entryPath(entry, u"/Links"_s))))
        firstPage.append(toUpdate(link.toObject(), entry));
    QCOMPARE(firstPage.size(), 100);
    QCOMPARE(putLinks(entry, firstPage).status, 200);
    QCOMPARE(allLinks(entry).size(), 100);
    QCOMPARE(signatures(allLinks(entry)), signatures(firstOf(before, 100)));
}

void TestLaserficheSandbox::setLinksEmptyListDeletesAll()
{
    const qint32 entry = LaserficheDemo::StandardTermsId;
    QVERIFY(allLinks(entry).size() > 100);
    for (const QByteArray &body : {"{\"links\":[]}"_ba, "{}"_ba, "{\"links\":null}"_ba}) {
        init(); // a fresh world for each
        QVERIFY(allLinks(entry).size() > 100);
        const SandboxReply reply = call("PUT"_ba, entryPath(entry, u"/Links"_s), body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(values(reply).size(), 0);
        QCOMPARE(allLinks(entry).size(), 0);
    }
}

void TestLaserficheSandbox::setLinksRefusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::newRow("no body") << QByteArray() << 400;
    QTest::newRow("not JSON") << "{\"links\":["_ba << 400;
    QTest::newRow("an array") << "[]"_ba << 400;
    QTest::newRow("links not an array") << "{\"links\":{}}"_ba << 400;
    QTest::newRow("a link not an object") << "{\"links\":[3]}"_ba << 400;
    QTest::newRow("no otherEntryId") << "{\"links\":[{\"linkDefinitionId\":1}]}"_ba << 400;
    QTest::newRow("no linkDefinitionId") << "{\"links\":[{\"otherEntryId\":3}]}"_ba << 400;
    QTest::newRow("id as text")
        << "{\"links\":[{\"linkDefinitionId\":\"1\",\"otherEntryId\":3}]}"_ba << 400;
    QTest::newRow("fractional id")
        << "{\"links\":[{\"linkDefinitionId\":1.5,\"otherEntryId\":3}]}"_ba << 400;
    QTest::newRow("isSource as text")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":3,\"isSource\":\"yes\"}]}"_ba
        << 400;
    QTest::newRow("property not a string")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":3,\"customProperties\":{\"a\":1}}]}"_ba
        << 400;
    QTest::newRow("properties an array")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":3,\"customProperties\":[]}]}"_ba
        << 400;
    QTest::newRow("linked to itself")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":5}]}"_ba << 400;
    QTest::newRow("twice")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":3},{\"linkDefinitionId\":1,\"otherEntryId\":3,\"isSource\":true}]}"_ba
        << 400;
    QTest::newRow("unknown entry")
        << "{\"links\":[{\"linkDefinitionId\":1,\"otherEntryId\":999999}]}"_ba << 404;
    QTest::newRow("unknown definition")
        << "{\"links\":[{\"linkDefinitionId\":77,\"otherEntryId\":3}]}"_ba << 404;
    QByteArray tooMany = "{\"links\":["_ba;
    for (int i = 0; i < 1001; ++i)
        tooMany += (i ? ","_ba : ""_ba) + "{\"linkDefinitionId\":1,\"otherEntryId\":"_ba
            + QByteArray::number(i + 10) + '}';
    QTest::newRow("1001 links") << QByteArray(tooMany + "]}") << 413;
}

void TestLaserficheSandbox::setLinksRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const qint32 entry = LaserficheDemo::StandardTermsId;
    const QJsonArray before = allLinks(entry);
    const SandboxReply reply = call("PUT"_ba, entryPath(entry, u"/Links"_s), body,
                                    {{"Content-Type"_ba, "application/json"_ba}});
    checkProblem(reply, status);
    if (status == 400)
        QVERIFY(reply.json().value("errors"_L1).isObject());
    QCOMPARE(allLinks(entry), before); // nothing changed
}

void TestLaserficheSandbox::setLinksWrongContentType()
{
    m_server->setExchangeLog({}); // 415 is not in the spec
    const qint32 entry = LaserficheDemo::StandardTermsId;
    const SandboxReply reply = call("PUT"_ba, entryPath(entry, u"/Links"_s), "{\"links\":[]}"_ba,
                                    {{"Content-Type"_ba, "text/plain"_ba}});
    checkProblem(reply, 415);
    QVERIFY(allLinks(entry).size() > 100);
}

void TestLaserficheSandbox::lockedEntry()
{
    const qint32 locked = lockedEntryId();
    QVERIFY(locked != 0);
    const SandboxReply entry = call("GET"_ba, entryPath(locked));
    QCOMPARE(entry.status, 200); // reading is fine
    QVERIFY(entry.json().value("isCheckedOut"_L1).toBool());
    QVERIFY(entry.json().value("name"_L1).toString().contains("(draft)"_L1));
    const QJsonArray links = allLinks(locked);
    QVERIFY(!links.isEmpty());

    QJsonArray same;
    for (const QJsonValue &link : links)
        same.append(toUpdate(link.toObject(), locked));
    checkProblem(putLinks(locked, same), 423);
    checkProblem(putLinks(locked, {}), 423);
    QCOMPARE(allLinks(locked), links);

    // From the other end: dropping the link to the locked entry is refused, keeping it is fine.
    const QJsonObject amends = (*std::ranges::find_if(links, [](const QJsonValue &v) {
                                   return v["linkDefinitionId"_L1].toInt() == 4;
                               })).toObject();
    const qint32 msa = amends.value("targetId"_L1).toInt();
    const QJsonArray msaLinks = allLinks(msa);
    QJsonArray keep;
    QJsonArray drop;
    for (const QJsonValue &link : msaLinks) {
        keep.append(toUpdate(link.toObject(), msa));
        if (link["id"_L1] != amends.value("id"_L1))
            drop.append(toUpdate(link.toObject(), msa));
    }
    checkProblem(putLinks(msa, drop), 423);
    QCOMPARE(allLinks(msa), msaLinks);
    QCOMPARE(putLinks(msa, keep).status, 200);
    QCOMPARE(allLinks(msa), msaLinks);

    // Unlocked, the same request succeeds.
    m_server->laserfiche().world().entry(locked)->locked = false;
    QCOMPARE(putLinks(msa, drop).status, 200);
    QCOMPARE(allLinks(msa).size(), msaLinks.size() - 1);
}

void TestLaserficheSandbox::rateLimit()
{
    LaserficheSandbox &laserfiche = m_server->laserfiche();
    laserfiche.rateLimiter().setLimit(LaserficheSandbox::RateLimitPerMinute);
    m_server->clock().freezeAt(Start);
    m_token = laserfiche.issueAccessTokenForTesting();

    for (int i = 0; i < 100; ++i) {
        // Errors count as well: every tenth call asks for a missing entry.
        const SandboxReply reply = call("GET"_ba, i % 10 ? u"Repositories"_s : entryPath(999999));
        QCOMPARE(reply.status, i % 10 ? 200 : 404);
        m_server->clock().advance(100);
    }
    const SandboxReply refused = call("GET"_ba, u"Repositories"_s);
    checkProblem(refused, 429);
    // The first call of the window leaves it 60 s after it was made: 50 s from now.
    QCOMPARE(refused.header("Retry-After"), "50"_ba);
    checkProblem(putLinks(LaserficheDemo::StandardTermsId, {}), 429);

    // Another token of the same account shares the budget.
    checkProblem(call("GET"_ba, u"Repositories"_s, {}, {}, laserfiche.issueAccessTokenForTesting()),
                 429);
    m_server->clock().advance(50'000);
    QCOMPARE(call("GET"_ba, u"Repositories"_s).status, 200);
    checkProblem(call("GET"_ba, u"Repositories"_s), 429); // only one slot came free
    QVERIFY(laserfiche.world().linksOf(LaserficheDemo::StandardTermsId).size() > 100);
}

void TestLaserficheSandbox::saveAndRestore()
{
    LaserficheSandbox &laserfiche = m_server->laserfiche();
    const qint32 entry = LaserficheDemo::StandardTermsId;
    QJsonArray links;
    for (const QJsonValue &link : allLinks(entry))
        links.append(toUpdate(link.toObject(), entry));
    links = firstOf(links, 20);
    QJsonObject first = links.first().toObject();
    first.insert("customProperties"_L1, QJsonObject{{"saved"_L1, "yes"_L1}});
    links.replace(0, first);
    QCOMPARE(putLinks(entry, links).status, 200);
    const QJsonArray changed = allLinks(entry);

    // Through a file's worth of JSON, into a fresh sandbox.
    const QByteArray file = QJsonDocument(laserfiche.saveState()).toJson();
    SandboxServer other;
    QVERIFY(other.start() != 0);
    QString error;
    QVERIFY2(other.laserfiche().restoreState(QJsonDocument::fromJson(file).object(), &error),
             qPrintable(error));
    QCOMPARE(other.laserfiche().saveState(), laserfiche.saveState());
    m_server = std::make_unique<SandboxServer>();
    QVERIFY(m_server->start() != 0);
    m_server->laserfiche().rateLimiter().setLimit(0);
    QVERIFY(m_server->laserfiche().restoreState(QJsonDocument::fromJson(file).object(), &error));
    const QJsonArray restored = allLinks(entry); // the token was saved with the state too
    QCOMPARE(signatures(restored), signatures(changed));
    QCOMPARE(restored.size(), changed.size());
    for (qsizetype i = 0; i < restored.size(); ++i)
        QCOMPARE(restored[i]["id"_L1], changed[i]["id"_L1]);
}

void TestLaserficheSandbox::restoreRefusesMalformedState_data()
{
    QTest::addColumn<QString>("pointer"); // what to break: "section/key"
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("version") << u"/version"_s << QJsonValue(2);
    QTest::newRow("no entries") << u"repository/entries"_s << QJsonValue(QJsonArray());
    QTest::newRow("link to nowhere")
        << u"repository/links"_s
        << QJsonValue(QJsonArray{QJsonObject{
               {"id"_L1, 1}, {"definitionId"_L1, 1}, {"sourceId"_L1, 5}, {"targetId"_L1, 999999}}});
    QTest::newRow("property not text")
        << u"repository/links"_s
        << QJsonValue(QJsonArray{QJsonObject{{"id"_L1, 1},
                                             {"definitionId"_L1, 1},
                                             {"sourceId"_L1, 5},
                                             {"targetId"_L1, 2},
                                             {"properties"_L1, QJsonObject{{"a"_L1, 1}}}}});
    QTest::newRow("nextLinkId") << u"repository/nextLinkId"_s << QJsonValue(1);
    QTest::newRow("entry without parent")
        << u"repository/entries"_s
        << QJsonValue(QJsonArray{QJsonObject{{"id"_L1, 1},
                                             {"parentId"_L1, 0},
                                             {"name"_L1, ""_L1},
                                             {"type"_L1, "Folder"_L1},
                                             {"creator"_L1, "a"_L1},
                                             {"createdMs"_L1, 0},
                                             {"modifiedMs"_L1, 0}},
                                 QJsonObject{{"id"_L1, 2},
                                             {"parentId"_L1, 77},
                                             {"name"_L1, "x"_L1},
                                             {"type"_L1, "Folder"_L1},
                                             {"creator"_L1, "a"_L1},
                                             {"createdMs"_L1, 0},
                                             {"modifiedMs"_L1, 0}}});
    QTest::newRow("grant kind") << u"oauth/grants"_s
                                << QJsonValue(QJsonArray{QJsonObject{{"secret"_L1, "s"_L1},
                                                                     {"kind"_L1, "magic"_L1}}});
    QTest::newRow("oauth missing") << u"oauth/counter"_s << QJsonValue(QJsonValue::Undefined);
}

void TestLaserficheSandbox::restoreRefusesMalformedState()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, value);

    LaserficheSandbox &laserfiche = m_server->laserfiche();
    const QJsonObject saved = laserfiche.saveState();
    QJsonObject broken = saved;
    const QStringList parts = pointer.split(u'/');
    if (parts.first().isEmpty()) {
        broken.insert(parts.at(1), value);
    } else {
        QJsonObject section = broken.value(parts.at(0)).toObject();
        if (value.isUndefined())
            section.remove(parts.at(1));
        else
            section.insert(parts.at(1), value);
        broken.insert(parts.at(0), section);
    }
    QString error;
    QVERIFY(!laserfiche.restoreState(broken, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(laserfiche.saveState(), saved);
    QCOMPARE(call("GET"_ba, u"Repositories"_s).status, 200); // the token still works
}

void TestLaserficheSandbox::determinism()
{
    const QJsonObject world = m_server->laserfiche().world().toJson();
    QCOMPARE(SandboxServer(nullptr, 415).laserfiche().world().toJson(), world);
    QVERIFY(SandboxServer(nullptr, 416).laserfiche().world().toJson() != world);

    // The demo's size and variety.
    const LaserficheWorld &w = m_server->laserfiche().world();
    QVERIFY(w.entryCount() > 300 && w.entryCount() < 800);
    QVERIFY(w.linkCount() > 400);
    QSet<QString> types;
    QSet<qint32> definitionsUsed;
    for (const QJsonValue &e : world.value("entries"_L1).toArray())
        types.insert(e["type"_L1].toString());
    for (const QJsonValue &l : world.value("links"_L1).toArray())
        definitionsUsed.insert(l["definitionId"_L1].toInt());
    QCOMPARE(types, (QSet<QString>{u"Folder"_s, u"Document"_s, u"Shortcut"_s}));
    QCOMPARE(definitionsUsed.size(), 7);

    // Answers repeat too (trace ids included), for the same sequence of calls.
    const QByteArray a = call("GET"_ba, entryPath(999999)).body;
    init();
    QCOMPARE(call("GET"_ba, entryPath(999999)).body, a);
}

void TestLaserficheSandbox::scaledWorld()
{
    QElapsedTimer timer;
    timer.start();
    LaserficheWorld world;
    populateLaserficheDemo(world, 415, 100'000);
    const qint64 elapsed = timer.elapsed();
    qInfo() << "scale 100000:" << world.entryCount() << "entries," << world.linkCount()
            << "links in" << elapsed << "ms";
    QVERIFY(world.entryCount() > 80'000 && world.entryCount() < 120'000);
    QVERIFY(world.linkCount() > world.entryCount() / 2);
    QVERIFY(elapsed < 10'000); // a debug build; well under that when optimised
}

QTEST_GUILESS_MAIN(TestLaserficheSandbox)
#include "tst_laserfichesandbox.moc"
