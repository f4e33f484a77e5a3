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
/// definition id). Copper mirrors every connect link (A->B and B->A, two ids, deleted
/// together), so both are one undirected link here, whichever id was read.
///
/// - listRecords: POST /{plural}/search, 200 a page, sorted by creation, every page (bounded by
///   Copper's 100,000 results); progress() with X-PW-TOTAL.
/// - readRecord: GET /{plural}/{id}.
/// - readLinks: GET /{plural}/{id}/related, then GET /related_links for the record (not for
///   tasks, which Connect Fields do not join); records() has the connect links' other ends.
/// - createLink: related: POST /{plural}/{id}/related (Copper answers an existing pair with a
///   success, so it is safe to repeat). Connect: reads the record's connections on that field
///   first and returns an existing one; otherwise POST /related_links from the end the field
///   is available on.
/// - deleteLink: related: DELETE /{plural}/{id}/related. Connect: DELETE /related_links/{id};
///   without an id it is looked up first; a link already gone (404) is success.
class CopperConnector : public Connector
{
    Q_OBJECT

public:
    /// Pages of POST /{plural}/search; Copper serves at most 100,000 results.
    static constexpr int PageSize = 200;
    static constexpr int MaxPages = 100'000 / PageSize + 1;

    CopperConnector(const AccountConfig &account, const QString &apiKey, NetworkManager *network,
                    QObject *parent = nullptr);

    QList<RecordTypeInfo> recordTypes() const override;
    ConnectorOperation *listLinkTypes(QObject *parent = nullptr) override;
    ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) override;
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) override;

private:
    /// An operation on `keys`, refused when one is not a Copper record of a known type with an
    /// integer id.
    ConnectorOperation *checked(QObject *parent, std::initializer_list<RecordKey> keys);
    void readConnections(ConnectorOperation *operation, const RecordKey &key,
                         const QString &definition, std::function<void()> done);
};
