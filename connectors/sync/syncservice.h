#pragma once

#include "connectors/connectorerror.h"
#include "models/link.h"
#include "models/recordsource.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>

class Connector;
class LinkRepository;
class NetworkManager;

/// Pulls records and links from the vendors into the LinkRepository, on request of the item
/// models (RecordSource), through one Connector per account. One request per record type or
/// record at a time: asking again while a request is running does not start a second one (the
/// running one's signal answers both).
///
/// fetchRecords() reads every page and upserts all records in one batch once the last page
/// arrived; on any failure the repository is left exactly as it was. fetchLinks() reads a
/// record's links of every type and makes them its Confirmed links (replaceLinksOf), stores
/// what the answers said about the other ends, then reads the linked records that are still
/// stubs so their titles show. The first fetchLinks() of an account also reads its link types
/// (their labels), once per run. Requests for unknown accounts fail (asynchronously) with a
/// Result that says so.
class SyncService : public RecordSource
{
    Q_OBJECT

public:
    SyncService(LinkRepository *repository, NetworkManager *network, QObject *parent = nullptr);
    ~SyncService() override;

    /// Adds an account's connector (the service owns it); one of the same vendor and account id
    /// is replaced (and deleted later, its running requests finishing first).
    void addConnector(Connector *connector);
    /// Removes and deletes (later) the connector of an account; its running requests end first.
    void removeConnector(Vendor vendor, const QString &account);
    /// The connector of an account, nullptr when there is none.
    Connector *connector(Vendor vendor, const QString &account) const;
    NetworkManager *network() const { return m_network; }

    QList<AccountInfo> accounts() const override;
    void fetchRecords(Vendor vendor, const QString &account, const QString &type) override;
    void fetchLinks(const RecordKey &record) override;

    int activeRequests() const override;
    bool isOffline(Vendor vendor, const QString &account) const override;

private:
    bool begin(const QString &request);
    void end(const QString &request);
    /// The connector for (vendor, account), or nullptr after scheduling `fail`.
    Connector *connectorFor(Vendor vendor, const QString &account,
                            const std::function<void(const Result &)> &fail);
    /// Notes whether the account's vendor answered (`error` is not about reaching it).
    void noteReachability(Vendor vendor, const QString &account, const ConnectorError &error);
    /// Reads the account's link types (their labels) once per run, in the background.
    void fetchLinkTypesOnce(Connector *connector);
    void fetchStubs(const RecordKey &record, const QString &request, Connector *connector,
                    const QList<Link> &links);

    QPointer<LinkRepository> m_repository;
    QPointer<NetworkManager> m_network;
    QList<Connector *> m_connectors; ///< in the order the accounts were added
    QSet<QString> m_running; ///< "records|<vendor>|<account>|<type>", "links|<key>"
    QSet<QString> m_linkTypesRead;
    QSet<QString> m_offline; ///< "<vendor>|<account>" whose vendor could not be reached ///<
                             ///< "linktypes|<vendor>|<account>" asked for in this run
};
