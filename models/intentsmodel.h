#pragma once

#include "models/intent.h"

#include <QAbstractTableModel>
#include <QList>

class LinkRepository;

/// The Pending Changes list: the workspace's open intents (LinkRepository::openIntents()),
/// oldest first, one row each: what the change does in words ("Link “Ada” to “Acme” (is related
/// to)"), its state, and the vendor's message when it failed. It follows the repository:
/// closed intents' rows are removed, new ones appended, changed ones updated in place (a
/// selection survives).
class IntentsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ChangeColumn, StateColumn, MessageColumn, ColumnCount };
    enum Role {
        IntentIdRole = Qt::UserRole + 1, ///< qint64
        IntentStateRole, ///< Intent::State
        VendorRole, ///< Vendor
    };

    explicit IntentsModel(LinkRepository *repository, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The intent of a row (an invalid index: std::nullopt).
    std::optional<Intent> intentAt(const QModelIndex &index) const;
    /// "Link “A” to “B” (is related to)", "Remove the link …".
    QString describe(const Intent &intent) const;

private:
    void follow();

    LinkRepository *m_repository;
    QList<Intent> m_intents;
};
