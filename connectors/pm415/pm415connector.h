#pragma once

#include "connectors/connector.h"
#include "connectors/pm415/pm415mapping.h"

/// pm415's API-key sign-in for one account: `Authorization: Bearer <api key>` on every request
/// (never the `?access_token=` form, which would put the key in URLs and logs), and pm415's
/// error bodies: express-boom's {statusCode, error, message, success} and Express's HTML 404
/// page, said in words.
class Pm415Client : public VendorClient
{
    Q_OBJECT

public:
    /// `apiKey` is never logged or shown; without one every request fails with Unauthorized.
    Pm415Client(const AccountConfig &account, const QString &apiKey, NetworkManager *network,
                QObject *parent = nullptr);

    void setApiKey(const QString &apiKey) { m_apiKey = apiKey.trimmed(); }

    void authorize(QNetworkRequest request, QObject *context, Ready ready) override;
    QString parseErrorBody(const QByteArray &body) const override;
    QList<QString> secrets() const override { return {m_apiKey}; }

private:
    QString m_apiKey;
};

/// pm415 connections for one account (seed 003 as the live server speaks it: lower-case
/// singular path segments; see sandbox/pm415sandbox.h). Record types initiative, backlog, item
/// and bug; one link type, "connection": untyped, undirected, between records of different
/// types, without a vendor id.
///
/// The organizations: account.options["organization"] (an org id); absent or 0: every
/// organization of GET /user/orgs the user is a member of (Pending ones are skipped: pm415
/// answers 403 for them).
///
/// - listRecords: the list GETs of every organization with showArchived "true" (archived
///   records still have connections; their fields say "Archived"); items once per owner table
///   (backlogs, initiatives). No pages exist: each answer is bounded by NetworkJob's maximum
///   response size and Pm415::MaxRecords rows.
/// - readRecord: pm415 has no single-record GET: the type is listed and the record picked;
///   NotFound when it is not there.
/// - readLinks: GET /connections/{type}/{infoType}/{id} lists every connection row of the
///   record whatever infoType is, but titles (info) only of infoType: one GET, then one more
///   per other type the rows name, for titles (at most three).
/// - createLink / deleteLink: reads the owner's (the link's source's) connections first; a
///   connection already there (already gone) is success without a write. Otherwise one POST
///   /connections/{ownerType}/{id} with the other end's id in its type's array (the three other
///   arrays empty) and delete false (true), then the connections are read back: the operation
///   succeeds only when exactly that connection changed. When the POST's answer is unclear (5xx,
///   connection lost, timeout, unreadable), the read-back decides: the change is there, or
///   nothing changed and the POST's error is reported (safe to repeat).
///
/// Never sent: a POST whose four arrays are all empty (the live server deletes every
/// connection of the record): every body is checked with Pm415::connectionBodyProblem() right
/// before it is sent and refused locally otherwise. A same-type link is refused locally (the
/// live server would store a broken half row). Type names of seed 003 ("Bugs", "Items",
/// "Initiatives") and plurals are accepted in record keys and mean the live names.
///
/// Not supported: creating or editing records (no such routes), comments, votes.
class Pm415Connector : public Connector
{
    Q_OBJECT

public:
    Pm415Connector(const AccountConfig &account, const QString &apiKey, NetworkManager *network,
                   QObject *parent = nullptr);

    Pm415Client *pm415Client() const;

    QList<RecordTypeInfo> recordTypes() const override;
    ConnectorOperation *listLinkTypes(QObject *parent = nullptr) override;
    /// GET /user/orgs: the one cheap request that needs the API key (the link types are known
    /// without asking).
    ConnectorOperation *checkConnection(QObject *parent = nullptr) override;
    ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) override;
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) override;

    /// `key` with its type as the live server names it (aliases resolved); nullopt when it is
    /// not a pm415 type or its id not a pm415 id.
    static std::optional<RecordKey> normalized(const RecordKey &key);

private:
    /// An operation on `keys`, refused when one is not a pm415 record of this account.
    ConnectorOperation *checked(QObject *parent, std::initializer_list<RecordKey> keys);
    /// The read, POST and read-back of createLink (remove false) and deleteLink (true).
    ConnectorOperation *write(const Link &link, bool remove, QObject *parent);
};
