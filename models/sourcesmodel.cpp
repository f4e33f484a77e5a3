#include "models/sourcesmodel.h"

#include "models/linkrepository.h"
#include "models/recordtreemodel.h"

#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

/// Internal ids: 0 for account rows, the account's row + 1 for record type rows.
constexpr quintptr AccountId = 0;

QString syncedText(const QDateTime &when)
{
    if (!when.isValid())
        return SourcesModel::tr("never");
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat); // today: the time says it
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

SourcesModel::SourcesModel(LinkRepository *repository, RecordSource *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_repository(repository)
    , m_source(source)
{
    if (source)
        connect(source, &RecordSource::accountsChanged, this, &SourcesModel::reload);
    connect(repository, &LinkRepository::recordsAdded, this, &SourcesModel::typesChanged);
    connect(repository, &LinkRepository::recordsChanged, this, &SourcesModel::typesChanged);
    connect(repository, &LinkRepository::syncTimesChanged, this, &SourcesModel::typeChanged);
    connect(repository, &LinkRepository::resetDone, this, &SourcesModel::reload);
    reload();
}

SourcesModel::~SourcesModel() = default;

void SourcesModel::reload()
{
    beginResetModel();
    m_accounts = m_source ? m_source->accounts() : QList<AccountInfo>();
    endResetModel();
}

void SourcesModel::typesChanged(const QList<RecordKey> &keys)
{
    QSet<QString> seen;
    for (const RecordKey &key : keys) {
        const QString id = vendorId(key.vendor) + u'|' + key.account + u'|' + key.type;
        if (!seen.contains(id)) {
            seen.insert(id);
            typeChanged(key.vendor, key.account, key.type);
        }
    }
}

void SourcesModel::typeChanged(Vendor vendor, const QString &account, const QString &type)
{
    for (int a = 0; a < m_accounts.size(); ++a) {
        const AccountInfo &info = m_accounts.at(a);
        if (info.vendor != vendor || info.account != account)
            continue;
        const QModelIndex accountIndex = index(a, 0);
        Q_EMIT dataChanged(accountIndex.siblingAtColumn(RecordsColumn),
                           accountIndex.siblingAtColumn(SyncedColumn));
        for (int t = 0; t < info.recordTypes.size(); ++t) {
            if (info.recordTypes.at(t).type == type) {
                Q_EMIT dataChanged(index(t, RecordsColumn, accountIndex),
                                   index(t, SyncedColumn, accountIndex));
            }
        }
    }
}

qsizetype SourcesModel::accountRecords(const AccountInfo &account) const
{
    qsizetype total = 0;
    for (const RecordTypeInfo &type : account.recordTypes)
        total += m_repository->recordCountOfType(account.vendor, account.account, type.type);
    return total;
}

QModelIndex SourcesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, AccountId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex SourcesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == AccountId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, AccountId);
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_accounts.size());
    if (parent.internalId() == AccountId && parent.column() == 0)
        return int(m_accounts.at(parent.row()).recordTypes.size());
    return 0;
}

int SourcesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isAccount = index.internalId() == AccountId;
    const AccountInfo &account
        = m_accounts.at(isAccount ? index.row() : int(index.internalId() - 1));
    const RecordTypeInfo *type = isAccount ? nullptr : &account.recordTypes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return isAccount ? account.displayName : type->label;
        case RecordsColumn:
            return QLocale().toString(isAccount ? accountRecords(account)
                                                : m_repository->recordCountOfType(
                                                    account.vendor, account.account, type->type));
        case SyncedColumn:
            return isAccount
                ? QVariant()
                : syncedText(m_repository->lastSynced(account.vendor, account.account, type->type));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == RecordsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (isAccount)
            return QString(vendorDisplayName(account.vendor) + u" · "_s + account.account);
        if (const QDateTime when
            = m_repository->lastSynced(account.vendor, account.account, type->type);
            when.isValid()) {
            return tr("Last read in full: %1")
                .arg(QLocale().toString(when.toLocalTime(), QLocale::LongFormat));
        }
        return tr("Not read in full yet: expand it in the tree or sync the account");
    case RecordTreeModel::NodeKindRole:
        return QVariant::fromValue(isAccount ? RecordTreeModel::NodeKind::Account
                                             : RecordTreeModel::NodeKind::RecordType);
    case RecordTreeModel::VendorRole:
        return QVariant::fromValue(account.vendor);
    case RecordTreeModel::AccountRole:
        return account.account;
    case RecordTreeModel::RecordTypeRole:
        return isAccount ? QVariant() : QVariant(type->type);
    default:
        return {};
    }
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Source");
    case RecordsColumn:
        return tr("Records");
    case SyncedColumn:
        return tr("Synced");
    default:
        return {};
    }
}
