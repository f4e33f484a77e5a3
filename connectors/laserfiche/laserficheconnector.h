#pragma once

#include "connectors/connector.h"
#include "connectors/laserfiche/laserfichemapping.h"

#include <QHash>
#include <QMap>
#include <QPointer>

class AccessTokenSource;

/// Laserfiche's bearer-token sign-in for one account: `Authorization: Bearer <access token>`
/// from an AccessTokenSource on every request, ProblemDetails error bodies, and the repository
/// the account works in.
///
/// Collections (paths ending in /Repositories, /LinkDefinitions, /Folder/Children and /Links)
/// also get `Prefer: maxpagesize=<pageSize()>`: VendorClient::authorize() is the one place a
/// request's headers can be set, so the header goes by path (harmless on the PUT of /Links,
/// whose answer is not paged).
class LaserficheClient : public VendorClient
{
    Q_OBJECT

public:
    static constexpr int DefaultPageSize = 1000;

    /// `tokens` is not owned; without one (or once it is gone) every request fails with
    /// Unauthorized. The repository id is account.options["repository"] when set.
    LaserficheClient(const AccountConfig &account, AccessTokenSource *tokens,
                     NetworkManager *network, QObject *parent = nullptr);

    void setTokenSource(AccessTokenSource *tokens) { m_tokens = tokens; }
    AccessTokenSource *tokenSource() const { return m_tokens; }

    /// The page size asked for in `Prefer: maxpagesize=`; 0: no Prefer header (Laserfiche's
    /// defaults, 100 links or 150 children a page). The server may use a smaller one.
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = std::max(0, size); }

    /// The repository id (the account option, or the one found by the connector); empty while
    /// unknown.
    const QString &repositoryId() const { return m_repositoryId; }
    void setRepositoryId(const QString &id) { m_repositoryId = id; }

    void authorize(QNetworkRequest request, QObject *context, Ready ready) override;
    QString parseErrorBody(const QByteArray &body) const override;
    QList<QString> secrets() const override;
    /// A 401 answer: reports the token that request carried to the source as rejected.
    void observe(const NetworkJob &job) override;
    /// True while there is a token source: a refused token is refreshed and the read sent
    /// again once.
    bool renewsCredentials() const override { return !m_tokens.isNull(); }

private:
    QPointer<AccessTokenSource> m_tokens;
    int m_pageSize = DefaultPageSize;
    QString m_repositoryId;
    QString m_lastToken;
    /// The token each request in flight carried, by URL (NetworkJob does not give its request's
    /// headers back): what observe() reports when the answer is 401.
    QHash<QUrl, QString> m_sentTokens;
};

/// The Laserfiche Repository API v2 for one account (seed 004): links between entries, typed
/// by the repository's link definitions, directed (source -> target), with string custom
/// properties. Every record is an "entry" (document, folder, shortcut, record series; the
/// entryType is in its fields), its RecordKey::id the entry id.
///
/// - listLinkTypes: GET LinkDefinitions, every page (LinkType: id = definition id, name =
///   description, forwardLabel = targetLabel, backwardLabel = sourceLabel; see
///   laserfichemapping.h for why).
/// - listRecords("entry"): walks the folder tree from the root folder (id 1) through
///   Folder/Children, every page of every folder, breadth first, down to MaxDepth levels
///   (deeper folders are listed, not entered) and up to MaxEntries entries (more fails).
/// - readRecord: GET Entries/{id}.
/// - readLinks: GET Entries/{id}/Links, every page; records() has the other ends, titled from
///   their full paths; customProperties(operation) has every link's custom properties.
/// - createLink / deleteLink: PUT .../Links replaces *every* link of an entry, so the link's
///   source entry is rewritten as a whole: every page of its links is read, the one link is
///   added or dropped (every other link kept with all its custom properties), the whole list
///   is PUT, and every page is read back and compared with the intended set (a difference
///   fails the operation; the PUT is never repeated). A link already there (or already gone)
///   is success without a PUT. When the PUT's answer is unclear (5xx, connection lost,
///   timeout), the links are read back: if they are as intended, the operation succeeds,
///   otherwise it fails with the PUT's error, safe to repeat. 423 (an entry checked out or
///   locked) fails with a message saying so.
///
/// The repository: account.options["repository"], else the one of GET /v2/Repositories (the
/// operation fails, asking to choose one in the account settings, when there are several).
///
/// Not supported: custom properties on new links (Link has no field for them: a new link has
/// none); links whose custom properties are not strings (the read fails rather than lose them
/// on the next write); concurrent writers (Laserfiche offers no precondition on PUT .../Links:
/// a change made by someone else between the read and the PUT is overwritten, and the
/// read-back then reports the difference).
class LaserficheConnector : public Connector
{
    Q_OBJECT

public:
    static constexpr int MaxPages = 1000; ///< per collection
    static constexpr int MaxDepth = 32; ///< folder levels below the root that are entered
    static constexpr qsizetype MaxEntries = 500'000;

    /// `tokens` is not owned (see LaserficheClient).
    LaserficheConnector(const AccountConfig &account, AccessTokenSource *tokens,
                        NetworkManager *network, QObject *parent = nullptr);

    LaserficheClient *laserficheClient() const;

    QList<RecordTypeInfo> recordTypes() const override;
    ConnectorOperation *listLinkTypes(QObject *parent = nullptr) override;
    ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) override;
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) override;

    /// The custom properties of the links a finished readLinks() or createLink() operation
    /// read, by vendorLinkId (links without properties are left out).
    using CustomProperties = QHash<QString, QMap<QString, QString>>;
    static CustomProperties customProperties(const ConnectorOperation *operation);

private:
    using Next = std::function<void(const QString &repositoryPath)>;
    /// An operation on `keys`, refused when one is not an entry with a valid id.
    ConnectorOperation *checked(QObject *parent, std::initializer_list<RecordKey> keys);
    /// Calls `next` with "/v2/Repositories/{id}" once the repository is known.
    void withRepository(ConnectorOperation *op, Next next);
    /// The read-merge-PUT-verify of createLink and deleteLink. `plan` gets the entry's links
    /// and returns the intended set, or nullopt when nothing needs to change (it may fill the
    /// operation's result or fail it); `finished` gets the links as read back.
    using Plan = std::function<std::optional<QList<Laserfiche::LinkSpec>>(
        const QList<Laserfiche::EntryLink> &current)>;
    void rewriteLinks(ConnectorOperation *op, qint32 entryId, qint32 otherId, Plan plan,
                      std::function<void(const QList<Laserfiche::EntryLink> &)> finished);
};
