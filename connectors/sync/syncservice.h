#pragma once

#include "connectors/copper/copperaccount.h"
#include "models/recordsource.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>

class CopperConnector;
class LinkRepository;
class NetworkManager;

/// Pulls records and links from the vendors into the LinkRepository, on request of the item
/// models (RecordSource). One request per record type or record at a time: asking again while
/// a request is running does not start a second one (the running one's signal answers both).
///
/// fetchRecords() reads every page and upserts all records in one batch once the last page
/// arrived; on any failure the repository is left exactly as it was. fetchLinks() reads a
/// record's related items, makes them its Confirmed "related" links (replaceLinksOf), then
/// reads the linked records that are still stubs so their titles show. Requests for unknown
/// accounts or vendors fail (asynchronously) with a Result that says so.
class SyncService : public RecordSource
{
    Q_OBJECT

public:
    SyncService(LinkRepository *repository, NetworkManager *network, QObject *parent = nullptr);
    ~SyncService() override;

    /// Adds a Copper account; the explorer shows it with its six record types. Adding an
    /// account id again replaces its settings (credentials, address, name).
    void addCopperAccount(const CopperAccount &account);
    /// The connector of a Copper account (for relate/unrelate), nullptr for an unknown id.
    CopperConnector *copperConnector(const QString &account) const;

    QList<AccountInfo> accounts() const override;
    void fetchRecords(Vendor vendor, const QString &account, const QString &type) override;
    void fetchLinks(const RecordKey &record) override;

    int activeRequests() const override;

private:
    bool begin(const QString &request);
    void end(const QString &request);
    /// The Copper connector for (vendor, account), or nullptr after scheduling `fail`.
    CopperConnector *connectorFor(Vendor vendor, const QString &account,
                                  const std::function<void(const Result &)> &fail);
    void fetchStubs(const RecordKey &record, const QString &request, CopperConnector *connector,
                    const QList<RecordKey> &related);

    QPointer<LinkRepository> m_repository;
    QPointer<NetworkManager> m_network;
    QList<CopperConnector *> m_copper; ///< in the order the accounts were added
    QSet<QString> m_running; ///< "records|<vendor>|<account>|<type>", "links|<key>"
};
