#include "connectors/pm415/pm415connector.h"

#include "connectors/networkjob.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPm415, "linkloom.connectors.pm415")

namespace {

using Kind = ConnectorError::Kind;

/// "bug 6", as messages name a record.
QString name(const RecordKey &key)
{
    return key.type + u' ' + key.id;
}

QString vendorName()
{
    return vendorDisplayName(Vendor::Pm415);
}

/// Calls `next` with the ids of the organizations whose records the account shows.
void withOrganizations(ConnectorOperation *op, std::function<void(QList<qint64>)> next)
{
    const QVariant option = op->client()->account().options.value(u"organization"_s);
    const QString configured = option.toString().trimmed();
    if (configured.isEmpty() || configured == "0"_L1) {
        op->send("GET", u"/user/orgs"_s, {}, [op, next = std::move(next)](NetworkJob *job) {
            const auto organizations = Pm415::parseOrganizations(job->body());
            if (!organizations.ok())
                return op->badResponse(*job, organizations.problem);
            QList<qint64> ids;
            for (const Pm415::Organization &organization : organizations.value) {
                if (organization.isMember())
                    ids.append(organization.id);
                else
                    qCInfo(lcPm415) << "Skipping organization" << organization.id
                                    << "where the membership is" << organization.role;
            }
            next(ids);
        });
        return;
    }
    const auto id = Pm415::parseId(configured);
    if (!id) {
        op->refuse(
            Pm415Connector::tr("the organization “%1” in the account settings is not a pm415 "
                               "organization id (a number, or 0 for every organization).")
                .arg(configured.left(40)));
        return;
    }
    next({*id});
}

/// GETs `requests` one after the other into op->records() (each record once), then `done`.
void fetchLists(ConnectorOperation *op, const QString &type, QList<Pm415::ListRequest> requests,
                std::shared_ptr<QSet<QString>> seen, std::function<void()> done)
{
    if (requests.isEmpty())
        return done();
    const Pm415::ListRequest request = requests.takeFirst();
    op->send("GET", request.path, {}, [op, type, request, requests, seen, done](NetworkJob *job) {
        const auto list = Pm415::parseRecordList(job->body(), op->client()->account().id, type,
                                                 request.ownerTable);
        if (!list.ok())
            return op->badResponse(*job, list.problem);
        for (const Record &record : list.value) {
            if (!seen->contains(record.key.id)) {
                seen->insert(record.key.id);
                op->records().append(record);
            }
        }
        Q_EMIT op->progress(op->records().size(), -1);
        fetchLists(op, type, requests, seen, done);
    });
}

/// Every record of `type` (a live name) of the account's organizations into op->records().
void listAll(ConnectorOperation *op, const QString &type, std::function<void()> done)
{
    withOrganizations(op, [op, type, done = std::move(done)](const QList<qint64> &organizations) {
        QList<Pm415::ListRequest> requests;
        for (qint64 organization : organizations)
            requests += Pm415::listRequests(type, organization);
        fetchLists(op, type, requests, std::make_shared<QSet<QString>>(), done);
    });
}

/// GET /connections/{owner.type}/{infoType}/{owner.id}, parsed.
void readConnections(ConnectorOperation *op, const RecordKey &owner, const QString &infoType,
                     std::function<void(const Pm415::Connections &)> next)
{
    op->send("GET", u"/connections/%1/%2/%3"_s.arg(owner.type, infoType, owner.id), {},
             [op, owner, infoType, next = std::move(next)](NetworkJob *job) {
                 const auto connections = Pm415::parseConnections(job->body(), owner, infoType);
                 if (!connections.ok())
                     return op->badResponse(*job, connections.problem);
                 next(connections.value);
             });
}

/// The other ends of `connections`' links.
QSet<RecordKey> endsOf(const Pm415::Connections &connections, const RecordKey &owner)
{
    QSet<RecordKey> ends;
    for (const Link &link : connections.links)
        ends.insert(link.otherEnd(owner));
    return ends;
}

QString listed(const QSet<RecordKey> &keys)
{
    QStringList names;
    for (const RecordKey &key : keys)
        names << name(key);
    names.sort();
    return names.isEmpty() ? u"none"_s : names.join(u", "_s);
}

/// Titles of the records at the other ends, one GET per type in `types`, then success.
void readTitles(ConnectorOperation *op, const RecordKey &key, QStringList types)
{
    if (types.isEmpty())
        return op->succeed();
    const QString type = types.takeFirst();
    readConnections(op, key, type, [op, key, types](const Pm415::Connections &connections) {
        op->records() += connections.records;
        readTitles(op, key, types);
    });
}

/// The one place the connector sends a connections POST. The live server deletes every
/// connection of the record for a body whose four arrays are all empty (whatever "delete"
/// says), so the very bytes about to be sent are checked here, whoever built them: anything
/// but exactly one id in exactly one array is refused and nothing is sent.
void post(ConnectorOperation *op, const RecordKey &owner, const QByteArray &body,
          std::function<void(NetworkJob *)> onSuccess, ConnectorOperation::FailureHandler onFailure)
{
    if (const QString problem = Pm415::connectionBodyProblem(body); !problem.isEmpty()) {
        qCWarning(lcPm415) << "Refusing a connections POST for" << owner.type << owner.id << ":"
                           << problem;
        op->refuse(Pm415Connector::tr("the change to the connections of %1 could remove other "
                                      "connections too, so it was not sent (%2)")
                       .arg(name(owner), problem));
        return;
    }
    op->send("POST", u"/connections/%1/%2"_s.arg(owner.type, owner.id), body, std::move(onSuccess),
             std::move(onFailure));
}

/// Whether a failed write may still have been applied: the answer did not say.
bool isUnclear(const ConnectorError &error)
{
    return error.kind == Kind::Server || error.kind == Kind::Timeout
        || error.kind == Kind::Unreachable || error.kind == Kind::BadResponse;
}

} // namespace

// --- Pm415Client -----------------------------------------------------------------------------

Pm415Client::Pm415Client(const AccountConfig &account, const QString &apiKey,
                         NetworkManager *network, QObject *parent)
    : VendorClient(account, network, parent)
    , m_apiKey(apiKey.trimmed())
{ }

void Pm415Client::authorize(QNetworkRequest request, QObject *, Ready ready)
{
    // Without a key nothing is added: pm415 answers 401, which says to check the key.
    if (!m_apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    // body-parser ignores a body without this type, and pm415 then sees {}.
    request.setRawHeader("Content-Type", "application/json");
    ready(request, {});
}

QString Pm415Client::parseErrorBody(const QByteArray &body) const
{
    return Pm415::parseErrorBody(body);
}

// --- Pm415Connector --------------------------------------------------------------------------

Pm415Connector::Pm415Connector(const AccountConfig &account, const QString &apiKey,
                               NetworkManager *network, QObject *parent)
    : Connector(new Pm415Client(account, apiKey, network), parent)
{ }

Pm415Client *Pm415Connector::pm415Client() const
{
    return static_cast<Pm415Client *>(client());
}

QList<RecordTypeInfo> Pm415Connector::recordTypes() const
{
    return {
        {u"initiative"_s, tr("Initiatives")},
        {u"backlog"_s, tr("Backlogs")},
        {u"item"_s, tr("Items")},
        {u"bug"_s, tr("Bugs")},
    };
}

std::optional<RecordKey> Pm415Connector::normalized(const RecordKey &key)
{
    RecordKey result = key;
    result.type = Pm415::typeName(key.type);
    if (key.vendor != Vendor::Pm415 || result.type.isEmpty() || !Pm415::parseId(key.id))
        return std::nullopt;
    return result;
}

ConnectorOperation *Pm415Connector::checked(QObject *parent, std::initializer_list<RecordKey> keys)
{
    ConnectorOperation *op = operation(parent, keys);
    for (const RecordKey &key : keys) {
        if (op->isRefused())
            break;
        if (Pm415::typeName(key.type).isEmpty())
            op->refuse(tr("“%1” is not a pm415 record type (initiative, backlog, item or bug).")
                           .arg(key.type.left(40)));
        else if (!Pm415::parseId(key.id))
            op->refuse(tr("“%1” is not a pm415 id.").arg(key.id.left(40)));
    }
    return op;
}

ConnectorOperation *Pm415Connector::listLinkTypes(QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    op->linkTypes() = {Pm415::connectionLinkType()};
    // Known without asking pm415; finished() still comes from the event loop.
    QTimer::singleShot(0, op, [op] { op->succeed(); });
    return op;
}

ConnectorOperation *Pm415Connector::checkConnection(QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    op->send("GET", u"/user/orgs"_s, {}, [op](NetworkJob *job) {
        const auto organizations = Pm415::parseOrganizations(job->body());
        if (!organizations.ok())
            return op->badResponse(*job, organizations.problem);
        op->linkTypes() = {Pm415::connectionLinkType()};
        op->succeed();
    });
    return op;
}

ConnectorOperation *Pm415Connector::listRecords(const QString &type, QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    const QString live = Pm415::typeName(type);
    if (live.isEmpty()) {
        op->refuse(tr("“%1” is not a pm415 record type (initiative, backlog, item or bug).")
                       .arg(type.left(40)));
        return op;
    }
    listAll(op, live, [op] { op->succeed(); });
    return op;
}

ConnectorOperation *Pm415Connector::readRecord(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    const RecordKey record = *normalized(key);
    // pm415 has no GET for one record: list its type in the account's organizations and pick
    // it (the connections GET would give the whole row only while the record has connections).
    listAll(op, record.type, [op, record] {
        for (const Record &candidate : std::as_const(op->records())) {
            if (candidate.key.id == record.id) {
                op->records() = {candidate};
                return op->succeed();
            }
        }
        op->records().clear();
        ConnectorError e;
        e.kind = Kind::NotFound;
        e.message
            = NetworkJob::messageFor(Kind::NotFound, vendorName(), op->client()->account().name());
        e.details = u"No %1 in the lists of the account's organizations."_s.arg(name(record));
        op->fail(e);
    });
    return op;
}

ConnectorOperation *Pm415Connector::readLinks(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    const RecordKey owner = *normalized(key);
    // Every answer lists all of the record's connection rows; `info` has the titles of one
    // type only. Ask first for the first other type, then for each other type the rows name.
    QString first;
    for (const QString &type : Pm415::recordTypes()) {
        if (type != owner.type) {
            first = type;
            break;
        }
    }
    readConnections(op, owner, first, [op, owner, first](const Pm415::Connections &connections) {
        op->links() = connections.links;
        op->records() = connections.records;
        QStringList more;
        for (const Link &link : connections.links) {
            const QString type = link.otherEnd(owner).type;
            if (type != first && !more.contains(type))
                more.append(type);
        }
        readTitles(op, owner, more);
    });
    return op;
}

ConnectorOperation *Pm415Connector::createLink(const Link &link, QObject *parent)
{
    return write(link, false, parent);
}

ConnectorOperation *Pm415Connector::deleteLink(const Link &link, QObject *parent)
{
    return write(link, true, parent);
}

ConnectorOperation *Pm415Connector::write(const Link &link, bool remove, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    if (!link.type.isEmpty() && link.type != Pm415::ConnectionType) {
        op->refuse(tr("pm415 has one kind of link, “connection”; “%1” is not one.")
                       .arg(link.type.left(40)));
        return op;
    }
    const RecordKey owner = *normalized(link.source);
    const RecordKey other = *normalized(link.target);
    if (owner.type == other.type) {
        op->refuse(tr("pm415 connects records of different types only, and %1 and %2 are both "
                      "of type “%3”.")
                       .arg(name(owner), name(other), owner.type));
        return op;
    }
    const auto body = Pm415::connectionBody(other.type, other.id, remove);
    if (!body.ok()) {
        op->refuse(body.problem);
        return op;
    }
    const Link wanted{owner,
                      other,
                      QString(Pm415::ConnectionType),
                      LinkDirection::Undirected,
                      {},
                      LinkState::Confirmed,
                      {}};
    const auto done = [op, wanted, other, remove](const Pm415::Connections &connections) {
        if (!remove) {
            op->links() = {wanted};
            for (const Record &record : connections.records) {
                if (record.key == other)
                    op->records() = {record};
            }
        }
        op->succeed();
    };

    readConnections(op, owner, other.type, [=](const Pm415::Connections &before) {
        const QSet<RecordKey> was = endsOf(before, owner);
        if (was.contains(other) != remove)
            return done(before); // already as asked: nothing to write
        QSet<RecordKey> intended = was;
        if (remove)
            intended.remove(other);
        else
            intended.insert(other);

        // Reads the connections back: exactly the asked change, or an error. `postError` is
        // the POST's own failure when its answer was unclear.
        const auto verify = [=](const std::optional<ConnectorError> &postError) {
            readConnections(op, owner, other.type, [=](const Pm415::Connections &after) {
                const QSet<RecordKey> now = endsOf(after, owner);
                if (now == intended) {
                    if (postError)
                        qCInfo(lcPm415) << "The connections POST failed unclearly, but the "
                                           "change is there:"
                                        << postError->details;
                    return done(after);
                }
                if (postError && now == was)
                    return op->fail(*postError); // nothing happened: safe to repeat
                ConnectorError e;
                e.kind = Kind::Server;
                const bool applied = now.contains(other) != remove;
                if (!applied) {
                    e.message = remove ? tr("%1 (account “%2”) accepted the removal of the "
                                            "connection between %3 and %4, but reading the "
                                            "connections back shows it is still there. Refresh "
                                            "the record and try again.")
                                       : tr("%1 (account “%2”) accepted the connection between "
                                            "%3 and %4, but reading the connections back does "
                                            "not show it. Refresh the record and try again.");
                } else {
                    e.message = tr("%1 (account “%2”) changed other connections of %3 than the "
                                   "one with %4. Refresh the record and check its connections; "
                                   "the details say what changed.");
                }
                e.message = e.message.arg(vendorName(), op->client()->account().name(), name(owner),
                                          name(other));
                e.details = u"Connections of %1 before: %2\nintended: %3\nread back: %4"_s.arg(
                    name(owner), listed(was), listed(intended), listed(now));
                if (postError)
                    e.details += u"\nThe POST failed: "_s + postError->details;
                op->fail(e);
            });
        };

        post(
            op, owner, body.value,
            [op, verify](NetworkJob *job) {
                const auto answer = Pm415::parseWriteAnswer(job->body());
                verify(answer.ok()
                           ? std::nullopt
                           : std::optional(job->makeError(Kind::BadResponse, answer.problem)));
            },
            [verify](NetworkJob *job) {
                if (!isUnclear(job->error()))
                    return false;
                verify(job->error()); // it may have been applied: the read-back decides
                return true;
            });
    });
    return op;
}
