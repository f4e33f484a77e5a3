#include "connectors/copper/copperconnector.h"

#include "connectors/copper/coppermapping.h"
#include "connectors/networkjob.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCopper, "linkloom.connectors.copper")

using Kind = ConnectorError::Kind;

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

/// A record as messages name it: "person 101".
QString nameOf(const RecordKey &key)
{
    return key.type + u' ' + key.id;
}

/// Whether a write that failed so may have been done all the same (its answer was lost): only
/// reading the state tells.
bool isUnclear(const ConnectorError &error)
{
    return error.kind == Kind::Server || error.kind == Kind::Timeout
        || error.kind == Kind::Unreachable || error.kind == Kind::BadResponse;
}

/// What `shared` may be related to only once when its related item moves from `from` to `to`
/// (seed 001): "company" for a person's company, "related record" for a task (one related
/// record in total); empty when the move does not touch a limit of `shared`.
QString limitedKind(const RecordKey &shared, const RecordKey &from, const RecordKey &to)
{
    if (shared.type == "task"_L1)
        return QCoreApplication::translate("CopperConnector", "related record");
    if (shared.type == "person"_L1 && from.type == "company"_L1 && to.type == "company"_L1)
        return QCoreApplication::translate("CopperConnector", "company");
    return {};
}

/// What a read does with an answer it cannot use (cut short, malformed): read again as the
/// retry policy allows and then end the operation with it (Retry: where ending loses nothing),
/// or hand it to the caller at once (Report: while a write's outcome is being settled).
enum class BadAnswer { Retry, Report };

/// GET /{plural}/{id}/related: `done` gets the related records, or nullptr and the error (after
/// the read's retries).
using RelatedDone = std::function<void(const QList<RecordKey> *related, const ConnectorError &)>;
void readRelated(ConnectorOperation *op, const RecordKey &key, BadAnswer bad, RelatedDone done)
{
    op->send(
        "GET", path(key, u"/related"_s), {},
        [op, key, bad, done](NetworkJob *job) {
            const auto related = Copper::parseRelated(job->body(), key.account);
            if (!related.ok() && bad == BadAnswer::Retry)
                return op->badResponse(*job, related.problem);
            if (!related.ok())
                return done(nullptr, job->makeError(Kind::BadResponse, related.problem));
            done(&related.value, {});
        },
        [done](NetworkJob *job) {
            done(nullptr, job->error());
            return true;
        });
}

/// `done` gets no error when the write was done, or the error; `unknown` when the write's
/// answer was lost and the state could not be read either.
using WriteDone = std::function<void(const ConnectorError &error, bool unknown)>;

/// Relates (`add`) or unrelates `a` and `b`: POST or DELETE /{a}/related {b}. Sent once: after
/// an unclear failure `a`'s related items are read, and the write counts as done when they
/// show it.
void changeRelated(ConnectorOperation *op, const RecordKey &a, const RecordKey &b, bool add,
                   WriteDone done)
{
    const auto verify = [op, a, b, add, done](const ConnectorError &error) {
        readRelated(op, a, BadAnswer::Report,
                    [b, add, done, error](const QList<RecordKey> *related,
                                          const ConnectorError &readError) {
                        if (!related) {
                            ConnectorError unknown = error;
                            unknown.details += u"\nThe state could not be read afterwards: "_s
                                + readError.details;
                            return done(unknown, true);
                        }
                        done(related->contains(b) == add ? ConnectorError() : error, false);
                    });
    };
    op->send(
        add ? "POST" : "DELETE", path(a, u"/related"_s),
        Copper::relatedResourceBody(Copper::parseId(b.id).value_or(0), b.type),
        [add, done, verify](NetworkJob *job) {
            const auto answer = Copper::parseRelateAnswer(job->body(), add ? u"added" : u"removed");
            if (!answer.ok())
                return verify(job->makeError(Kind::BadResponse, answer.problem));
            done({}, false);
        },
        [done, verify](NetworkJob *job) {
            if (isUnclear(job->error()))
                verify(job->error());
            else
                done(job->error(), false);
            return true;
        });
}

/// GET /related_links of `key` on `definition`: `done` gets them, or nullptr and the error.
using ConnectionsDone
    = std::function<void(const Copper::ConnectLinks *found, const ConnectorError &error)>;
void listConnections(ConnectorOperation *op, const RecordKey &key, const QString &definition,
                     BadAnswer bad, ConnectionsDone done)
{
    op->send(
        "GET",
        u"/related_links?source_type=%1&source_id=%2&custom_field_definition_id=%3"_s.arg(
            Copper::connectEntityType(key.type), key.id, definition),
        {},
        [op, bad, done](NetworkJob *job) {
            const auto found = Copper::parseConnectLinks(job->body(), op->client()->account().id);
            if (!found.ok() && bad == BadAnswer::Retry)
                return op->badResponse(*job, found.problem);
            if (!found.ok())
                return done(nullptr, job->makeError(Kind::BadResponse, found.problem));
            done(&found.value, {});
        },
        [done](NetworkJob *job) {
            done(nullptr, job->error());
            return true;
        });
}

/// The connections of `link`'s pair on its field as both ends list them: `done` gets the
/// source end's and the target end's lists, or the error of a read.
using BothEndsDone
    = std::function<void(const Copper::ConnectLinks &source, const Copper::ConnectLinks &target,
                         const ConnectorError &error)>;
void listBothEnds(ConnectorOperation *op, const Link &link, BadAnswer bad, BothEndsDone done)
{
    listConnections(
        op, link.source, link.type, bad,
        [op, link, bad, done](const Copper::ConnectLinks *source, const ConnectorError &error) {
            if (!source)
                return done({}, {}, error);
            listConnections(op, link.target, link.type, bad,
                            [done, source = *source](const Copper::ConnectLinks *target,
                                                     const ConnectorError &targetError) {
                                if (!target)
                                    return done({}, {}, targetError);
                                done(source, *target, {});
                            });
        });
}

/// The connections of `links` that join the ends of `key`.
QList<Link> ofPair(const QList<Link> &links, const LinkKey &key)
{
    QList<Link> result;
    for (const Link &link : links) {
        if (link.key() == key)
            result.append(link);
    }
    return result;
}

// --- A move under Copper's limits ------------------------------------------------------------

/// One move of a related item whose shared end cannot hold both (see CopperConnector).
struct LimitedMove
{
    ConnectorOperation *op = nullptr;
    Link to;
    RecordKey shared; ///< the end both links have
    RecordKey oldEnd; ///< `from`'s other end
    RecordKey newEnd; ///< `to`'s other end
    QString kind; ///< what `shared` has one of: "company", "related record"
    ConnectorError addError; ///< why `to` could not be added
    int restores = 0;
};
using Move = std::shared_ptr<LimitedMove>;

void addNew(const Move &move, bool removedOld);
void restoreOld(const Move &move);

void moved(const Move &move)
{
    Link done = move->to;
    done.state = LinkState::Confirmed;
    done.error.clear();
    move->op->links() = {done};
    move->op->succeed();
}

/// The move failed and `from` is back, as before.
void failRestored(const Move &move)
{
    ConnectorError error = move->addError;
    error.message = QCoreApplication::translate(
                        "CopperConnector",
                        "%1 could not be related to %2, so it stays related to %3, as before. %4")
                        .arg(nameOf(move->shared), nameOf(move->newEnd), nameOf(move->oldEnd),
                             move->addError.message);
    move->op->fail(error);
}

/// The move failed and `from` could not be added back: says what is left.
void failLost(const Move &move, const ConnectorError &restoreError, bool certain)
{
    ConnectorError error = move->addError;
    const char *const left = certain
        ? QT_TRANSLATE_NOOP("CopperConnector", "%1 has no %2 now; it was %3.")
        : QT_TRANSLATE_NOOP("CopperConnector", "%1 may have no %2 now; it was %3.");
    error.message = QCoreApplication::translate(
                        "CopperConnector",
                        "%1 could not be related to %2, and Linkloom could not relate it to %3 "
                        "again: %4 Relate %1 to %3 again in Copper. %5")
                        .arg(nameOf(move->shared), nameOf(move->newEnd), nameOf(move->oldEnd),
                             QCoreApplication::translate("CopperConnector", left)
                                 .arg(nameOf(move->shared), move->kind, nameOf(move->oldEnd)),
                             move->addError.message);
    error.details += u"\nRelating %1 to %2 again: %3"_s.arg(
        nameOf(move->shared), nameOf(move->oldEnd), restoreError.details);
    qCWarning(lcCopper).noquote() << "Copper move lost a related item:" << nameOf(move->shared)
                                  << "was related to" << nameOf(move->oldEnd);
    move->op->fail(error);
}

/// Reads what `shared` is related to after a failed restore, and decides.
void checkAfterRestore(const Move &move, const ConnectorError &restoreError)
{
    readRelated(move->op, move->shared, BadAnswer::Report,
                [move, restoreError](const QList<RecordKey> *related, const ConnectorError &) {
                    if (!related)
                        return failLost(move, restoreError, false);
                    if (related->contains(move->newEnd) && !related->contains(move->oldEnd))
                        return moved(move); // the add was done after all
                    if (related->contains(move->oldEnd))
                        return failRestored(move);
                    if (move->restores < CopperConnector::MaxRestores)
                        return restoreOld(move); // read first: this repeat cannot duplicate
                    failLost(move, restoreError, true);
                });
}

void restoreOld(const Move &move)
{
    ++move->restores;
    changeRelated(move->op, move->shared, move->oldEnd, true,
                  [move](const ConnectorError &error, bool) {
                      if (!error.isError())
                          return failRestored(move);
                      checkAfterRestore(move, error);
                  });
}

void addNew(const Move &move, bool removedOld)
{
    changeRelated(move->op, move->shared, move->newEnd, true,
                  [move, removedOld](const ConnectorError &error, bool) {
                      if (!error.isError())
                          return moved(move);
                      if (!removedOld)
                          return move->op->fail(error); // `from` was gone before: nothing to undo
                      move->addError = error;
                      restoreOld(move);
                  });
}

void startLimitedMove(const Move &move)
{
    readRelated(move->op, move->shared, BadAnswer::Retry,
                [move](const QList<RecordKey> *related, const ConnectorError &error) {
                    if (!related)
                        return move->op->fail(error); // nothing changed
                    const bool hasOld = related->contains(move->oldEnd);
                    if (related->contains(move->newEnd)) {
                        if (!hasOld)
                            return moved(move); // done before: safe to repeat
                        // Both (Copper did not enforce its limit): remove `from`, as asked.
                        return changeRelated(move->op, move->shared, move->oldEnd, false,
                                             [move](const ConnectorError &removeError, bool) {
                                                 if (removeError.isError())
                                                     return move->op->fail(removeError);
                                                 moved(move);
                                             });
                    }
                    if (!hasOld)
                        return addNew(move, false);
                    changeRelated(move->op, move->shared, move->oldEnd, false,
                                  [move](const ConnectorError &removeError, bool unknown) {
                                      // Refused: nothing changed. Unknown: adding tells, as
                                      // Copper refuses `to` while `from` is there.
                                      if (removeError.isError() && !unknown)
                                          return move->op->fail(removeError);
                                      addNew(move, true);
                                  });
                });
}

// --- Connect-field deletion ------------------------------------------------------------------

struct ConnectRemoval
{
    ConnectorOperation *op = nullptr;
    Link link;
    int deletes = 0;
};
using Removal = std::shared_ptr<ConnectRemoval>;

void sweepConnections(const Removal &removal);

/// DELETE /related_links/{id}, then both ends are read again. A 404 (already gone) and an
/// unclear failure are settled by that read too.
void removeConnection(const Removal &removal, const QString &id)
{
    ++removal->deletes;
    removal->op->send(
        "DELETE", u"/related_links/"_s + id, {},
        [removal](NetworkJob *) { sweepConnections(removal); },
        [removal](NetworkJob *job) {
            if (job->error().kind != Kind::NotFound && !isUnclear(job->error()))
                return false;
            sweepConnections(removal);
            return true;
        });
}

/// Reads both ends' connections on the link's field: deletes what is left of the pair (the
/// link, or a mirror Copper kept), or ends with both ends' remaining connections.
void sweepConnections(const Removal &removal)
{
    ConnectorOperation *op = removal->op;
    listBothEnds(op, removal->link, BadAnswer::Retry,
                 [removal, op](const Copper::ConnectLinks &source,
                               const Copper::ConnectLinks &target, const ConnectorError &error) {
                     if (error.isError())
                         return op->fail(error);
                     const LinkKey key = removal->link.key();
                     const QList<Link> left = ofPair(source.links + target.links, key);
                     if (!left.isEmpty()) {
                         if (removal->deletes < CopperConnector::MaxConnectDeletes)
                             return removeConnection(removal, left.first().vendorLinkId);
                         ConnectorError stuck;
                         stuck.kind = Kind::BadResponse;
                         stuck.message
                             = QCoreApplication::translate(
                                   "CopperConnector",
                                   "Copper CRM (account “%1”) still lists connection "
                                   "%2 after Linkloom deleted it %3 times. Delete it "
                                   "in Copper.")
                                   .arg(op->client()->account().name(), left.first().vendorLinkId)
                                   .arg(removal->deletes);
                         stuck.details = u"DELETE /related_links/%1: still listed"_s.arg(
                             left.first().vendorLinkId);
                         return op->fail(stuck);
                     }
                     QSet<LinkKey> seen;
                     op->links().clear();
                     for (const Link &link : source.links + target.links) {
                         if (!seen.contains(link.key())) {
                             seen.insert(link.key());
                             op->links().append(link);
                         }
                     }
                     op->records() = source.records + target.records;
                     op->succeed();
                 });
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
        changeRelated(op, link.source, link.target, true,
                      [op, link](const ConnectorError &error, bool) {
                          if (error.isError())
                              return op->fail(error);
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
    // `done` gets the connection of the pair either end lists (nullptr: none), or the error.
    using Found = std::function<void(const Link *found, const ConnectorError &error)>;
    const auto findExisting = [op, link](BadAnswer bad, Found done) {
        listBothEnds(op, link, bad,
                     [link, done](const Copper::ConnectLinks &source,
                                  const Copper::ConnectLinks &target, const ConnectorError &error) {
                         const QList<Link> found = ofPair(source.links + target.links, link.key());
                         done(found.isEmpty() ? nullptr : &found.first(), error);
                     });
    };
    // Safe to repeat: an existing connection on this field, from either end, is the answer.
    findExisting(
        BadAnswer::Retry,
        [op, link, definition, findExisting](const Link *existing,
                                             const ConnectorError &lookupError) {
            if (lookupError.isError())
                return op->fail(lookupError);
            if (existing) {
                op->links() = {*existing};
                return op->succeed();
            }
            // After an unclear failure: done when either end lists it now, else the write's error.
            const auto verify = [op, findExisting](const ConnectorError &error) {
                findExisting(BadAnswer::Report,
                             [op, error](const Link *found, const ConnectorError &readError) {
                                 if (found) {
                                     op->links() = {*found};
                                     return op->succeed();
                                 }
                                 ConnectorError failed = error;
                                 if (readError.isError()) {
                                     failed.details
                                         += u"\nThe state could not be read afterwards: "_s
                                         + readError.details;
                                 }
                                 op->fail(failed);
                             });
            };
            op->send(
                "POST", u"/related_links"_s,
                Copper::connectLinkBody(*definition, link.source, link.target),
                [op, link, verify](NetworkJob *job) {
                    auto made = Copper::parseConnectLinks(job->body(), op->client()->account().id);
                    if (!made.ok() || made.value.links.size() != 1) {
                        return verify(job->makeError(
                            Kind::BadResponse,
                            made.ok() ? u"The answer is not one connection."_s : made.problem));
                    }
                    const Link created = made.value.links.first();
                    // Copper's mirror is unconfirmed: see whether the target end lists it.
                    listConnections(op, link.target, link.type, BadAnswer::Report,
                                    [op, created](const Copper::ConnectLinks *target,
                                                  const ConnectorError &error) {
                                        if (!target) {
                                            qCInfo(lcCopper).noquote()
                                                << "Copper connection" << created.vendorLinkId
                                                << "made; its target end could not be read:"
                                                << error.details;
                                        } else if (ofPair(target->links, created.key()).isEmpty()) {
                                            qCWarning(lcCopper).noquote()
                                                << "Copper did not mirror connection"
                                                << created.vendorLinkId << "at its target end";
                                        }
                                        op->links() = {created};
                                        op->succeed();
                                    });
                },
                [verify](NetworkJob *job) {
                    if (!isUnclear(job->error()))
                        return false;
                    verify(job->error());
                    return true;
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
        changeRelated(op, link.source, link.target, false, [op](const ConnectorError &error, bool) {
            if (error.isError())
                return op->fail(error);
            op->succeed();
        });
        return op;
    }
    if (!Copper::parseId(link.type) || Copper::connectEntityType(link.source.type).isEmpty()
        || Copper::connectEntityType(link.target.type).isEmpty()) {
        op->refuse(tr("Copper connect fields do not join these records."));
        return op;
    }
    auto removal = std::make_shared<ConnectRemoval>(ConnectRemoval{op, link, 0});
    if (Copper::parseId(link.vendorLinkId))
        removeConnection(removal, link.vendorLinkId);
    else
        sweepConnections(removal); // finds it at either end first
    return op;
}

ConnectorOperation *CopperConnector::moveLink(const Link &from, const Link &to, QObject *parent)
{
    const std::optional<RecordKey> shared = sharedEnd(from, to);
    const QString kind = shared && !isConnect(from) && !isConnect(to)
        ? limitedKind(*shared, from.otherEnd(*shared), to.otherEnd(*shared))
        : QString();
    if (kind.isEmpty())
        return Connector::moveLink(from, to, parent); // adds before it removes
    ConnectorOperation *op = checked(parent, {from.source, from.target, to.source, to.target});
    if (op->isRefused())
        return op;
    startLimitedMove(std::make_shared<LimitedMove>(
        LimitedMove{op, to, *shared, from.otherEnd(*shared), to.otherEnd(*shared), kind, {}, 0}));
    return op;
}
