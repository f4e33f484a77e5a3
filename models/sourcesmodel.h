#pragma once

#include "models/recordsource.h"

#include <QAbstractItemModel>
#include <QPointer>

class LinkRepository;

/// The Sources dock's model: every connected account, then its record types with how many
/// records the workspace holds and when they were last read in full.
///
///     Demo CRM (sandbox)        350
///       People                  120   today 14:02
///       Companies                40   never
///
/// Rows use RecordTreeModel's roles (NodeKindRole, VendorRole, AccountRole, RecordTypeRole) so
/// that the explorer's delegate draws them the same way. Follows the RecordSource's accounts and
/// the repository's records and sync times.
class SourcesModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, RecordsColumn, SyncedColumn, ColumnCount };

    SourcesModel(LinkRepository *repository, RecordSource *source, QObject *parent = nullptr);
    ~SourcesModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reload();
    /// dataChanged() for the rows of these record types and their accounts.
    void typesChanged(const QList<RecordKey> &keys);
    void typeChanged(Vendor vendor, const QString &account, const QString &type);
    qsizetype accountRecords(const AccountInfo &account) const;

    LinkRepository *m_repository;
    QPointer<RecordSource> m_source;
    QList<AccountInfo> m_accounts;
};
