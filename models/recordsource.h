#pragma once

#include "models/recordkey.h"
#include "models/result.h"

#include <QList>
#include <QObject>

/// A record type an account offers for browsing, e.g. Copper's "person" shown as "People".
struct RecordTypeInfo
{
    QString type; ///< the vendor's singular type name, as in RecordKey::type
    QString label; ///< translated plural label for the tree
};

/// One connected account as the explorer shows it.
struct AccountInfo
{
    Vendor vendor = Vendor::Copper;
    QString account; ///< the account id used in RecordKey::account
    QString displayName; ///< the name the user gave the account
    QList<RecordTypeInfo> recordTypes;
};

/// What the item models ask of the sync layer without knowing about the network (models/ links
/// QtCore and QtSql only). Requests are asynchronous: results land in the LinkRepository and the
/// *Fetched signals say when a request is over and whether it worked. Implemented in connectors/.
class RecordSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QList<AccountInfo> accounts() const = 0;
    /// Reads every record of one type of one account into the repository.
    virtual void fetchRecords(Vendor vendor, const QString &account, const QString &type) = 0;
    /// Reads the links of one record into the repository (and enough of the linked records to
    /// show their titles).
    virtual void fetchLinks(const RecordKey &record) = 0;
    /// Requests still running; 0 means idle.
    virtual int activeRequests() const = 0;
    /// Whether the account's vendor could not be reached the last time it was asked (the views
    /// then show what the workspace holds, and say so).
    virtual bool isOffline(Vendor vendor, const QString &account) const
    {
        Q_UNUSED(vendor)
        Q_UNUSED(account)
        return false;
    }

Q_SIGNALS:
    void recordsFetched(Vendor vendor, const QString &account, const QString &type,
                        const Result &result);
    void linksFetched(const RecordKey &record, const Result &result);
    void accountsChanged();
    /// isOffline() changed for the account.
    void offlineChanged(Vendor vendor, const QString &account, bool offline);
    /// activeRequests() changed.
    void activityChanged(int activeRequests);
};
