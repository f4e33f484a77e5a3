#pragma once

#include "connectors/connector.h"

/// Copper's API-key sign-in for one account: X-PW-AccessToken, X-PW-Application and
/// X-PW-UserEmail on every request; Copper's {"success":false,"message":..} error bodies.
class CopperClient : public VendorClient
{
    Q_OBJECT

public:
    /// `account.user` is the e-mail of the key's owner; `apiKey` is never logged or shown.
    CopperClient(const AccountConfig &account, const QString &apiKey, NetworkManager *network,
                 QObject *parent = nullptr);

    void setApiKey(const QString &apiKey) { m_apiKey = apiKey; }

    void authorize(QNetworkRequest request, QObject *context, Ready ready) override;
    QString parseErrorBody(const QByteArray &body) const override;
    QList<QString> secrets() const override { return {m_apiKey}; }

private:
    QString m_apiKey;
};

/// Copper CRM for one account: Related Items (seed 001, link type "related", undirected) and
/// Connect Fields (seed 000, one link type per Connect custom field definition, id = the
/// definition id). Copper lists a connect link from both ends (A->B and its mirror B->A, two
/// ids), so both are one undirected link here, whichever id was read.
///
/// - listRecords: POST /{plural}/search, 200 a page, sorted by creation, every page (bounded by
///   Copper's 100,000 results); progress() with X-PW-TOTAL.
/// - readRecord: GET /{plural}/{id}.
/// - readLinks: GET /{plural}/{id}/related, then GET /related_links for the record (not for
///   tasks, which Connect Fields do not join); records() has the connect links' other ends.
/// - createLink: related: POST /{plural}/{id}/related (Copper answers an existing pair with a
///   success, so it is safe to repeat). Connect: reads both ends' connections on that field
///   first and returns an existing one (from either end); otherwise POST /related_links from
///   `source` to `target` as given, then reads `target`'s connections to see Copper's mirror.
///   Without a mirror (unconfirmed either way) nothing more is written: a connection from the
///   target would be a second, different one. It is logged; links() holds the link as the
///   source end lists it.
/// - deleteLink: related: DELETE /{plural}/{id}/related. Connect: DELETE /related_links/{id}
///   (without an id it is looked up at both ends first; 404 = already gone), then both ends'
///   connections on that field are read; whether Copper deletes the mirror too is unconfirmed,
///   so whatever of the pair either end still lists is deleted by its id and both are read
///   again (at most MaxConnectDeletes deletions). links(): every connection both ends still
///   have on that field, as read at the end, so a caller can replace both records' links of
///   that type (LinkRepository::replaceLinksOf() with the links touching each end); records():
///   their other ends, named as Copper names them.
/// - moveLink: see Connector::moveLink(). A move of a related item whose shared end is limited
///   (a person's company to another company; a task's one related record, of any kind) reads
///   that end's related items (a move already done is success; a `from` already gone: just
///   add `to`), removes `from`, adds `to`, and if that fails adds `from` back (tried twice,
///   reading between); the error then says whether the record has `from` again or nothing
///   (and names `from`). Every other move adds first (Connector::moveLink()).
///
/// Writes are never sent twice blindly: after an unclear failure (5xx, timeout, connection
/// reset, an answer cut short) the affected record is read, and the write counts as done when
/// the state shows it; otherwise the operation fails with the write's error (for a move, the
/// restore above applies). A write whose answer was lost may still reach Copper after that
/// read: Copper's idempotent relate and its limits keep that from duplicating a link.
class CopperConnector : public Connector
{
    Q_OBJECT

public:
    /// Pages of POST /{plural}/search; Copper serves at most 100,000 results.
    static constexpr int PageSize = 200;
    static constexpr int MaxPages = 100'000 / PageSize + 1;
    /// DELETE /related_links of one connect-field deletion: the link, its mirror, one more.
    static constexpr int MaxConnectDeletes = 3;
    /// Attempts to add `from` back after a limited move failed, with a read between.
    static constexpr int MaxRestores = 2;

    CopperConnector(const AccountConfig &account, const QString &apiKey, NetworkManager *network,
                    QObject *parent = nullptr);

    QList<RecordTypeInfo> recordTypes() const override;
    ConnectorOperation *listLinkTypes(QObject *parent = nullptr) override;
    ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) override;
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *moveLink(const Link &from, const Link &to,
                                 QObject *parent = nullptr) override;

private:
    /// An operation on `keys`, refused when one is not a Copper record of a known type with an
    /// integer id.
    ConnectorOperation *checked(QObject *parent, std::initializer_list<RecordKey> keys);
    void readConnections(ConnectorOperation *operation, const RecordKey &key,
                         const QString &definition, std::function<void()> done);
};
