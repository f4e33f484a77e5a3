#include "connectors/copper/copperconnector.h"

#include "connectors/copper/coppermapping.h"
#include "connectors/networkjob.h"

#include <QCoreApplication>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString path(const RecordKey &key, const QString &tail = {})
{
    return u"/%1/%2%3"_s.arg(Copper::pluralType(key.type), key.id, tail);
}

/// Whether `link` is a connect-field link (its type is a definition id), not a related item.
bool isConnect(const Link &link)
{
    return link.type != Copper::RelatedType;
}

} // namespace

// --- CopperClient ----------------------------------------------------------------------------

CopperClient::CopperClient(const AccountConfig &account, const QString &apiKey,
                           NetworkManager *network, QObject *parent)
    : VendorClient(account, network, parent)
    , m_apiKey(apiKey)
{
    setRequestRate(180, 60'000); // Copper: 180 requests in any minute
}

void CopperClient::authorize(QNetworkRequest request, QObject *, Ready ready)
{
    request.setRawHeader("X-PW-AccessToken", m_apiKey.toUtf8());
    request.setRawHeader("X-PW-Application", "developer_api");
    request.setRawHeader("X-PW-UserEmail", account().user.toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    ready(request, {});
}

QString CopperClient::parseErrorBody(const QByteArray &body) const
{
    return Copper::parseErrorBody(body);
}

// --- CopperConnector -------------------------------------------------------------------------

CopperConnector::CopperConnector(const AccountConfig &account, const QString &apiKey,
                                 NetworkManager *network, QObject *parent)
    : Connector(new CopperClient(account, apiKey, network), parent)
{ }

QList<RecordTypeInfo> CopperConnector::recordTypes() const
{
    return {
        {u"company"_s, tr("Companies")},
        {u"person"_s, tr("People")},
        {u"opportunity"_s, tr("Opportunities")},
        {u"project"_s, tr("Projects")},
        {u"task"_s, tr("Tasks")},
        {u"lead"_s, tr("Leads")},
    };
}

ConnectorOperation *CopperConnector::checked(QObject *parent, std::initializer_list<RecordKey> keys)
{
    ConnectorOperation *op = operation(parent, keys);
    for (const RecordKey &key : keys) {
        if (op->isRefused())
            break;
        if (Copper::pluralType(key.type).isEmpty())
            op->refuse(tr("“%1” is not a Copper record type.").arg(key.type.left(40)));
        else if (!Copper::parseId(key.id))
            op->refuse(tr("“%1” is not a Copper id.").arg(key.id.left(40)));
    }
    return op;
}

ConnectorOperation *CopperConnector::listLinkTypes(QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    op->send("GET", u"/custom_field_definitions"_s, {}, [op](NetworkJob *job) {
        auto types = Copper::parseConnectDefinitions(job->body());
        if (!types.ok())
            return op->badResponse(*job, types.problem);
        op->linkTypes() = QList<LinkType>{Copper::relatedLinkType()} + types.value;
        op->succeed();
    });
    return op;
}

ConnectorOperation *CopperConnector::listRecords(const QString &type, QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    if (Copper::pluralType(type).isEmpty()) {
        op->refuse(tr("“%1” is not a Copper record type.").arg(type.left(40)));
        return op;
    }
    struct State
    {
        int page = 1;
        QSet<QString> seen;
    };
    auto state = std::make_shared<State>();
    // Each page's handler holds the pager until the next page's handler does.
    auto requestPage = std::make_shared<std::function<void()>>();
    *requestPage = [op, type, state, weak = std::weak_ptr(requestPage)] {
        const QByteArray body = Copper::searchBody(state->page, PageSize);
        op->send("POST", u'/' + Copper::pluralType(type) + u"/search"_s, body,
                 [op, type, state, pager = weak.lock()](NetworkJob *job) {
                     const auto page
                         = Copper::parseSearchPage(job->body(), op->client()->account().id, type);
                     if (!page.ok())
                         return op->badResponse(*job, page.problem);
                     for (const Record &record : page.value) {
                         if (!state->seen.contains(record.key.id)) {
                             state->seen.insert(record.key.id);
                             op->records().append(record);
                         }
                     }
                     bool totalOk = false;
                     const qint64 total = job->header("X-PW-TOTAL").trimmed().toLongLong(&totalOk);
                     Q_EMIT op->progress(op->records().size(), totalOk ? total : -1);
                     if (page.value.size() < PageSize)
                         return op->succeed();
                     if (++state->page > MaxPages)
                         return op->badResponse(
                             *job, u"More than %1 full pages of results."_s.arg(MaxPages));
                     (*pager)();
                 });
    };
    (*requestPage)();
    return op;
}

ConnectorOperation *CopperConnector::readRecord(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    op->send("GET", path(key), {}, [op, key](NetworkJob *job) {
        auto record = Copper::parseRecord(job->body(), key.account, key.type);
        if (!record.ok())
            return op->badResponse(*job, record.problem);
        op->records().append(record.value);
        op->succeed();
    });
    return op;
}

void CopperConnector::readConnections(ConnectorOperation *op, const RecordKey &key,
                                      const QString &definition, std::function<void()> done)
{
    QString query = u"/related_links?source_type=%1&source_id=%2"_s.arg(
        Copper::connectEntityType(key.type), key.id);
    if (!definition.isEmpty())
        query += u"&custom_field_definition_id="_s + definition;
    op->send("GET", query, {}, [op, done = std::move(done)](NetworkJob *job) {
        auto connections = Copper::parseConnectLinks(job->body(), op->client()->account().id);
        if (!connections.ok())
            return op->badResponse(*job, connections.problem);
        op->links() += connections.value.links;
        op->records() += connections.value.records;
        done();
    });
}

ConnectorOperation *CopperConnector::readLinks(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    op->send("GET", path(key, u"/related"_s), {}, [this, op, key](NetworkJob *job) {
        auto related = Copper::parseRelated(job->body(), key.account);
        if (!related.ok())
            return op->badResponse(*job, related.problem);
        for (const RecordKey &other : std::as_const(related.value)) {
            op->links().append({key,
                                other,
                                QString(Copper::RelatedType),
                                LinkDirection::Undirected,
                                {},
                                LinkState::Confirmed,
                                {}});
        }
        if (Copper::connectEntityType(key.type).isEmpty())
            return op->succeed();
        readConnections(op, key, {}, [op] { op->succeed(); });
    });
    return op;
}

ConnectorOperation *CopperConnector::createLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    if (!isConnect(link)) {
        op->send("POST", path(link.source, u"/related"_s),
                 Copper::relatedResourceBody(*Copper::parseId(link.target.id), link.target.type),
                 [op, link](NetworkJob *job) {
                     const auto answer = Copper::parseRelateAnswer(job->body(), u"added");
                     if (!answer.ok())
                         return op->badResponse(*job, answer.problem);
                     Link made = link;
                     made.state = LinkState::Confirmed;
                     op->links().append(made);
                     op->succeed();
                 });
        return op;
    }
    const auto definition = Copper::parseId(link.type);
    if (!definition || Copper::connectEntityType(link.source.type).isEmpty()
        || Copper::connectEntityType(link.target.type).isEmpty()) {
        op->refuse(tr("Copper connect fields do not join these records."));
        return op;
    }
    // Safe to repeat: an existing connection on this field is the answer.
    readConnections(op, link.source, link.type, [op, link, definition] {
        for (const Link &existing : std::as_const(op->links())) {
            if (existing.key() == link.key()) {
                op->links() = {existing};
                return op->succeed();
            }
        }
        op->links().clear();
        op->records().clear();
        op->send("POST", u"/related_links"_s,
                 Copper::connectLinkBody(*definition, link.source, link.target),
                 [op](NetworkJob *job) {
                     auto made = Copper::parseConnectLinks(job->body(), op->client()->account().id);
                     if (!made.ok() || made.value.links.size() != 1)
                         return op->badResponse(*job, made.problem);
                     op->links() = made.value.links;
                     op->succeed();
                 });
    });
    return op;
}

ConnectorOperation *CopperConnector::deleteLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    if (!isConnect(link)) {
        op->send("DELETE", path(link.source, u"/related"_s),
                 Copper::relatedResourceBody(*Copper::parseId(link.target.id), link.target.type),
                 [op](NetworkJob *job) {
                     const auto answer = Copper::parseRelateAnswer(job->body(), u"removed");
                     if (!answer.ok())
                         return op->badResponse(*job, answer.problem);
                     op->succeed();
                 });
        return op;
    }
    const auto remove = [op](const QString &id) {
        // A 404 means the connection is already gone, which is what was asked.
        op->send(
            "DELETE", u"/related_links/"_s + id, {}, [op](NetworkJob *) { op->succeed(); },
            [op](NetworkJob *job) {
                if (job->error().kind != ConnectorError::Kind::NotFound)
                    return false;
                op->succeed();
                return true;
            });
    };
    if (Copper::parseId(link.vendorLinkId)) {
        remove(link.vendorLinkId);
        return op;
    }
    readConnections(op, link.source, link.type, [op, link, remove] {
        for (const Link &existing : std::as_const(op->links())) {
            if (existing.key() == link.key())
                return remove(existing.vendorLinkId);
        }
        op->succeed(); // not there: nothing to delete
    });
    return op;
}
