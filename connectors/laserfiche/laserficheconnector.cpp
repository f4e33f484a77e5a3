#include "connectors/laserfiche/laserficheconnector.h"

#include "connectors/laserfiche/accesstokensource.h"
#include "connectors/networkjob.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Laserfiche;
using Kind = ConnectorError::Kind;

Q_LOGGING_CATEGORY(lcLaserfiche, "linkloom.connectors.laserfiche")

namespace {

constexpr char CustomPropertiesName[] = "laserficheCustomProperties";

/// Parses one page and returns the next page's URL (empty at the end), or nullopt when it
/// already failed the operation.
using PageHandler = std::function<std::optional<QUrl>(NetworkJob *job)>;

/// GETs `url` and every @odata.nextLink after it (through send(), which refuses another
/// origin), at most LaserficheConnector::MaxPages pages, then calls `done`.
void readPages(ConnectorOperation *op, const QUrl &url, PageHandler onPage,
               std::function<void()> done, ConnectorOperation::FailureHandler onFailure = {},
               std::shared_ptr<QSet<QUrl>> seen = {}, int page = 1)
{
    if (!seen)
        seen = std::make_shared<QSet<QUrl>>(QSet<QUrl>{url});
    op->send(
        "GET", url, {},
        [op, onPage, done, onFailure, seen, page](NetworkJob *job) {
            const std::optional<QUrl> next = onPage(job);
            if (!next || op->isFinished())
                return;
            if (next->isEmpty())
                return done();
            if (page >= LaserficheConnector::MaxPages) {
                return op->fail(
                    job->makeError(Kind::BadResponse,
                                   u"More than %1 pages; Linkloom stopped reading."_s.arg(
                                       LaserficheConnector::MaxPages)));
            }
            if (seen->contains(*next)) {
                return op->fail(
                    job->makeError(Kind::BadResponse, u"The same next page was given twice."_s));
            }
            seen->insert(*next);
            readPages(op, *next, onPage, done, onFailure, seen, page + 1);
        },
        onFailure);
}

/// readPages() from `pathAndQuery` below the account's base URL.
void readPages(ConnectorOperation *op, const QString &pathAndQuery, PageHandler onPage,
               std::function<void()> done, ConnectorOperation::FailureHandler onFailure = {})
{
    if (!op->client()) {
        op->refuse(u"the account was removed while the request was waiting."_s);
        return;
    }
    readPages(op, op->client()->url(pathAndQuery), std::move(onPage), std::move(done),
              std::move(onFailure));
}

/// Reads every page of `entryId`'s links, then calls `done` with them; `onFailure` as in
/// ConnectorOperation::send().
void readAllLinks(ConnectorOperation *op, const QString &repositoryPath, qint32 entryId,
                  std::function<void(const QList<EntryLink> &)> done,
                  ConnectorOperation::FailureHandler onFailure = {})
{
    auto links = std::make_shared<QList<EntryLink>>();
    readPages(
        op, repositoryPath + u"/Entries/%1/Links"_s.arg(entryId),
        [op, links](NetworkJob *job) -> std::optional<QUrl> {
            auto page = parseLinks(job->body());
            if (!page.ok()) {
                op->badResponse(*job, page.problem);
                return std::nullopt;
            }
            *links += page.value.links;
            return page.value.nextLink;
        },
        [links, done] { done(*links); }, onFailure);
}

QString accountName(const ConnectorOperation *op)
{
    return op->client() ? op->client()->account().name() : QString();
}

/// An answer Linkloom cannot use, found without a request at hand.
ConnectorError badAnswer(const ConnectorOperation *op, const QString &problem)
{
    ConnectorError e;
    e.kind = Kind::BadResponse;
    e.message = NetworkJob::messageFor(Kind::BadResponse, vendorDisplayName(Vendor::Laserfiche),
                                       accountName(op));
    e.details = problem;
    return e;
}

/// How an entry is named in messages: its path's last component from the links read, else
/// "entry N".
QString entryName(qint32 id, const QList<EntryLink> &links)
{
    for (const EntryLink &link : links) {
        const QString path = link.sourceId == id ? link.sourcePath
            : link.targetId == id                ? link.targetPath
                                                 : QString();
        if (const QString name = nameFromPath(path); !name.isEmpty())
            return u"“%1”"_s.arg(name);
    }
    return QCoreApplication::translate("LaserficheConnector", "entry %1").arg(id);
}

/// Whether a failed write may have been applied nonetheless (the answer was lost).
bool unclear(Kind kind)
{
    return kind == Kind::Server || kind == Kind::Timeout || kind == Kind::Unreachable
        || kind == Kind::BadResponse;
}

void setCustomProperties(ConnectorOperation *op, const QList<EntryLink> &links)
{
    LaserficheConnector::CustomProperties properties;
    for (const EntryLink &link : links) {
        if (!link.customProperties.isEmpty())
            properties.insert(QString::number(link.id), link.customProperties);
    }
    op->setProperty(CustomPropertiesName, QVariant::fromValue(properties));
}

bool isCollectionPath(const QString &path)
{
    for (const auto tail :
         {"/Links"_L1, "/Children"_L1, "/LinkDefinitions"_L1, "/Repositories"_L1}) {
        if (path.endsWith(tail, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

// --- LaserficheClient ------------------------------------------------------------------------

LaserficheClient::LaserficheClient(const AccountConfig &account, AccessTokenSource *tokens,
                                   NetworkManager *network, QObject *parent)
    : VendorClient(account, network, parent)
    , m_tokens(tokens)
{
    const QString repository = account.options.value(u"repository"_s).toString().trimmed();
    if (isValidRepositoryId(repository))
        m_repositoryId = repository;
    setRequestRate(100, 60'000); // Laserfiche: 100 calls a minute per account
}

void LaserficheClient::authorize(QNetworkRequest request, QObject *context, Ready ready)
{
    if (m_pageSize > 0 && isCollectionPath(request.url().path()))
        request.setRawHeader("Prefer", "maxpagesize="_ba + QByteArray::number(m_pageSize));
    const auto failLater = [context, request, ready](const ConnectorError &error) {
        // Never from inside the call that started the operation.
        QMetaObject::invokeMethod(
            context, [request, ready, error] { ready(request, error); }, Qt::QueuedConnection);
    };
    ConnectorError noToken;
    noToken.kind = Kind::Unauthorized;
    noToken.message = tr("Linkloom is not signed in to Laserfiche for account “%1”. Sign in "
                         "from the account settings, then try again.")
                          .arg(account().name());
    AccessTokenSource *tokens = m_tokens;
    if (!tokens) {
        failLater(noToken);
        return;
    }
    tokens->accessToken(context,
                        [self = QPointer(this), request, ready, failLater,
                         noToken](const QString &token, const ConnectorError &error) mutable {
                            if (error.isError() || token.isEmpty()) {
                                failLater(error.isError() ? error : noToken);
                                return;
                            }
                            if (self) {
                                self->m_lastToken = token;
                                self->m_sentTokens.insert(request.url(), token);
                            }
                            request.setRawHeader("Authorization", "Bearer "_ba + token.toUtf8());
                            ready(request, {});
                        });
}

QString LaserficheClient::parseErrorBody(const QByteArray &body) const
{
    return Laserfiche::parseErrorBody(body);
}

QList<QString> LaserficheClient::secrets() const
{
    QList<QString> secrets = m_sentTokens.values();
    if (!m_lastToken.isEmpty())
        secrets.append(m_lastToken);
    return secrets;
}

void LaserficheClient::observe(const NetworkJob &job)
{
    const QString token = m_sentTokens.take(job.url());
    if (job.httpStatus() == 401 && !token.isEmpty() && m_tokens)
        m_tokens->tokenRejected(token);
}

// --- LaserficheConnector ---------------------------------------------------------------------

LaserficheConnector::LaserficheConnector(const AccountConfig &account, AccessTokenSource *tokens,
                                         NetworkManager *network, QObject *parent)
    : Connector(new LaserficheClient(account, tokens, network), parent)
{ }

LaserficheClient *LaserficheConnector::laserficheClient() const
{
    return static_cast<LaserficheClient *>(client());
}

QList<RecordTypeInfo> LaserficheConnector::recordTypes() const
{
    return {{QString(EntryType), tr("Entries")}};
}

LaserficheConnector::CustomProperties
LaserficheConnector::customProperties(const ConnectorOperation *operation)
{
    return operation ? operation->property(CustomPropertiesName).value<CustomProperties>()
                     : CustomProperties();
}

ConnectorOperation *LaserficheConnector::checked(QObject *parent,
                                                 std::initializer_list<RecordKey> keys)
{
    ConnectorOperation *op = operation(parent, keys);
    for (const RecordKey &key : keys) {
        if (op->isRefused())
            break;
        if (key.type != EntryType)
            op->refuse(tr("“%1” is not a Laserfiche record type.").arg(key.type.left(40)));
        else if (!parseId(key.id))
            op->refuse(tr("“%1” is not a Laserfiche entry id.").arg(key.id.left(40)));
    }
    return op;
}

void LaserficheConnector::withRepository(ConnectorOperation *op, Next next)
{
    LaserficheClient *lf = laserficheClient();
    const QString option = account().options.value(u"repository"_s).toString().trimmed();
    if (!option.isEmpty() && !isValidRepositoryId(option)) {
        op->refuse(tr("“%1” is not a Laserfiche repository id. Correct it in the account "
                      "settings.")
                       .arg(option.left(40)));
        return;
    }
    if (!lf->repositoryId().isEmpty()) {
        next(u"/v2/Repositories/"_s + lf->repositoryId());
        return;
    }
    auto found = std::make_shared<QList<RepositoryInfo>>();
    readPages(
        op, u"/v2/Repositories"_s,
        [op, found](NetworkJob *job) -> std::optional<QUrl> {
            const auto page = parseRepositories(job->body());
            if (!page.ok()) {
                op->badResponse(*job, page.problem);
                return std::nullopt;
            }
            *found += page.value.repositories;
            return page.value.nextLink;
        },
        [client = QPointer(lf), op, found, next] {
            if (found->size() == 1) {
                if (client)
                    client->setRepositoryId(found->first().id);
                next(u"/v2/Repositories/"_s + found->first().id);
                return;
            }
            if (found->isEmpty()) {
                op->refuse(tr("the account has access to no Laserfiche repository. Ask the "
                              "repository's administrator for access."));
                return;
            }
            QStringList names;
            for (const RepositoryInfo &repository : std::as_const(*found))
                names << u"%1 (%2)"_s.arg(repository.name, repository.id);
            op->refuse(tr("the account has access to several Laserfiche repositories (%1). "
                          "Choose one in the account settings.")
                           .arg(names.join(u", "_s)));
        });
}

ConnectorOperation *LaserficheConnector::listLinkTypes(QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    withRepository(op, [op](const QString &repository) {
        readPages(
            op, repository + u"/LinkDefinitions"_s,
            [op](NetworkJob *job) -> std::optional<QUrl> {
                const auto page = parseLinkDefinitions(job->body());
                if (!page.ok()) {
                    op->badResponse(*job, page.problem);
                    return std::nullopt;
                }
                for (const LinkType &type : page.value.linkTypes) {
                    const bool known = std::ranges::any_of(
                        op->linkTypes(), [&type](const LinkType &t) { return t.id == type.id; });
                    if (!known)
                        op->linkTypes().append(type);
                }
                return page.value.nextLink;
            },
            [op] { op->succeed(); });
    });
    return op;
}

ConnectorOperation *LaserficheConnector::listRecords(const QString &type, QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    if (type != EntryType) {
        op->refuse(tr("“%1” is not a Laserfiche record type.").arg(type.left(40)));
        return op;
    }
    struct Walk
    {
        QList<std::pair<qint32, int>> folders{{RootFolderId, 0}}; ///< to read, with depth
        QSet<qint32> entered{RootFolderId};
        QSet<QString> listed;
    };
    withRepository(op, [op, accountId = account().id](const QString &repository) {
        auto walk = std::make_shared<Walk>();
        auto nextFolder = std::make_shared<std::function<void()>>();
        *nextFolder = [op, accountId, repository, walk, weak = std::weak_ptr(nextFolder)] {
            if (walk->folders.isEmpty())
                return op->succeed();
            const auto [folder, depth] = walk->folders.takeFirst();
            readPages(
                op, repository + u"/Entries/%1/Folder/Children"_s.arg(folder),
                [op, accountId, walk, depth](NetworkJob *job) -> std::optional<QUrl> {
                    auto page = parseChildren(job->body(), accountId);
                    if (!page.ok()) {
                        op->badResponse(*job, page.problem);
                        return std::nullopt;
                    }
                    for (Record &record : page.value.records) {
                        if (walk->listed.contains(record.key.id))
                            continue;
                        walk->listed.insert(record.key.id);
                        op->records().append(std::move(record));
                    }
                    if (op->records().size() > MaxEntries) {
                        op->fail(job->makeError(
                            Kind::BadResponse,
                            u"More than %1 entries; Linkloom stopped reading."_s.arg(MaxEntries)));
                        return std::nullopt;
                    }
                    for (qint32 child : std::as_const(page.value.folders)) {
                        if (depth >= MaxDepth) {
                            qCWarning(lcLaserfiche)
                                << "Not entering folder" << child << "deeper than" << MaxDepth;
                            continue;
                        }
                        if (!walk->entered.contains(child)) {
                            walk->entered.insert(child);
                            walk->folders.append({child, depth + 1});
                        }
                    }
                    Q_EMIT op->progress(op->records().size(), -1);
                    return page.value.nextLink;
                },
                [pager = weak.lock()] { (*pager)(); });
        };
        (*nextFolder)();
    });
    return op;
}

ConnectorOperation *LaserficheConnector::readRecord(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    withRepository(op, [op, key](const QString &repository) {
        op->send("GET", repository + u"/Entries/"_s + key.id, {}, [op, key](NetworkJob *job) {
            auto record = parseEntry(job->body(), key.account);
            if (!record.ok())
                return op->badResponse(*job, record.problem);
            if (record.value.key != key)
                return op->badResponse(*job, u"The answer is about another entry."_s);
            op->records().append(record.value);
            op->succeed();
        });
    });
    return op;
}

ConnectorOperation *LaserficheConnector::readLinks(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    const qint32 entry = *parseId(key.id);
    withRepository(op, [op, key, entry](const QString &repository) {
        readAllLinks(op, repository, entry, [op, key, entry](const QList<EntryLink> &links) {
            QSet<qint32> seen;
            QList<EntryLink> kept;
            for (const EntryLink &link : links) {
                if (link.sourceId != entry && link.targetId != entry) {
                    qCWarning(lcLaserfiche) << "Ignoring link" << link.id << "listed for entry"
                                            << entry << "which it does not join";
                    continue;
                }
                if (seen.contains(link.id))
                    continue; // repeated across pages
                seen.insert(link.id);
                kept.append(link);
                op->links().append(toLink(link, key.account));
            }
            op->records() = endRecords(kept, key.account, entry);
            setCustomProperties(op, kept);
            op->succeed();
        });
    });
    return op;
}

void LaserficheConnector::rewriteLinks(ConnectorOperation *op, qint32 entryId, qint32 otherId,
                                       Plan plan,
                                       std::function<void(const QList<EntryLink> &)> finished)
{
    const QString account = this->account().name();
    withRepository(op, [=](const QString &repository) {
        readAllLinks(op, repository, entryId, [=](const QList<EntryLink> &current) {
            const std::optional<QList<LinkSpec>> intended = plan(current);
            if (!intended || op->isFinished())
                return;
            const QString names
                = tr("%1 or %2").arg(entryName(entryId, current), entryName(otherId, current));
            const QString linksPath = repository + u"/Entries/%1/Links"_s.arg(entryId);
            // Reads the links back and finishes: as intended, or `otherwise`.
            const auto verify = [=](std::function<void(const QString &difference)> otherwise,
                                    ConnectorOperation::FailureHandler onReadFailure) {
                readAllLinks(
                    op, repository, entryId,
                    [=](const QList<EntryLink> &links) {
                        const auto actual = toSpecs(links, entryId);
                        const QString difference = actual.ok()
                            ? linkSetDifference(*intended, actual.value)
                            : actual.problem;
                        if (difference.isEmpty())
                            return finished(links);
                        otherwise(difference);
                    },
                    onReadFailure);
            };
            op->send(
                "PUT", linksPath, setLinksBody(*intended),
                [=](NetworkJob *) {
                    verify(
                        [=](const QString &difference) {
                            ConnectorError e = badAnswer(op, difference);
                            e.message
                                = tr("Laserfiche (account “%1”) did not keep the links of %2 as "
                                     "Linkloom sent them. Check the entry's links in Laserfiche "
                                     "before trying again.")
                                      .arg(account, entryName(entryId, current));
                            op->fail(e);
                        },
                        {});
                },
                [=](NetworkJob *job) {
                    const ConnectorError &error = job->error();
                    if (job->httpStatus() == 423) {
                        ConnectorError e = error;
                        e.message = tr("%1 is checked out or locked in Laserfiche (account "
                                       "“%2”); try again when it is unlocked.")
                                        .arg(names, account);
                        op->fail(e);
                        return true;
                    }
                    if (!unclear(error.kind))
                        return false;
                    // The PUT may have been applied though its answer was lost: look, never
                    // send it again.
                    qCInfo(lcLaserfiche) << "PUT Links of entry" << entryId
                                         << "failed unclearly; reading the links back";
                    verify([op, error](const QString &) { op->fail(error); },
                           [op, error](NetworkJob *) {
                               op->fail(error);
                               return true;
                           });
                    return true;
                });
        });
    });
}

ConnectorOperation *LaserficheConnector::createLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    const auto definition = parseId(link.type);
    const qint32 source = *parseId(link.source.id);
    const qint32 target = *parseId(link.target.id);
    if (!definition) {
        op->refuse(tr("“%1” is not a Laserfiche link type.").arg(link.type.left(40)));
        return op;
    }
    if (source == target) {
        op->refuse(tr("Laserfiche cannot link an entry to itself."));
        return op;
    }
    const LinkSpec wanted{*definition, target, true, {}};
    const QString account = link.source.account;
    const auto answer = [op, account](const EntryLink &made) {
        op->links() = {toLink(made, account)};
        op->records() = endRecords({made}, account);
        setCustomProperties(op, {made});
    };
    const auto findWanted = [wanted, source](const QList<EntryLink> &links) {
        return std::ranges::find_if(links, [&](const EntryLink &l) {
            const auto spec = toSpec(l, source);
            return spec && sameLink(*spec, wanted);
        });
    };
    rewriteLinks(
        op, source, target,
        [op, wanted, source, answer,
         findWanted](const QList<EntryLink> &current) -> std::optional<QList<LinkSpec>> {
            auto specs = toSpecs(current, source);
            if (!specs.ok()) {
                op->fail(badAnswer(op, specs.problem));
                return std::nullopt;
            }
            if (const auto it = findWanted(current); it != current.end()) {
                answer(*it); // already there: nothing to send
                op->succeed();
                return std::nullopt;
            }
            specs.value.append(wanted);
            return specs.value;
        },
        [op, answer, findWanted](const QList<EntryLink> &after) {
            const auto it = findWanted(after);
            if (it == after.end()) // verified before: cannot happen, but never assert
                return op->fail(badAnswer(op, u"The new link is not in the answer."_s));
            answer(*it);
            op->succeed();
        });
    return op;
}

ConnectorOperation *LaserficheConnector::deleteLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    const auto definition = parseId(link.type);
    if (!definition) {
        op->refuse(tr("“%1” is not a Laserfiche link type.").arg(link.type.left(40)));
        return op;
    }
    const qint32 source = *parseId(link.source.id);
    const qint32 target = *parseId(link.target.id);
    const LinkSpec unwanted{*definition, target, true, {}};
    rewriteLinks(
        op, source, target,
        [op, unwanted, source](const QList<EntryLink> &current) -> std::optional<QList<LinkSpec>> {
            auto specs = toSpecs(current, source);
            if (!specs.ok()) {
                op->fail(badAnswer(op, specs.problem));
                return std::nullopt;
            }
            const auto removed = specs.value.removeIf(
                [&unwanted](const LinkSpec &spec) { return sameLink(spec, unwanted); });
            if (removed == 0) {
                op->succeed(); // already gone: nothing to send
                return std::nullopt;
            }
            return specs.value;
        },
        [op](const QList<EntryLink> &) { op->succeed(); });
    return op;
}
