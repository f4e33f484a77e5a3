#include "models/intentsmodel.h"

#include "models/linkrepository.h"
#include "models/vendor.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

IntentsModel::IntentsModel(LinkRepository *repository, QObject *parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
    , m_intents(repository->openIntents())
{
    connect(m_repository, &LinkRepository::intentsChanged, this, &IntentsModel::follow);
    // A link's title may change after its intent was listed (a sync reads the records).
    connect(m_repository, &LinkRepository::recordsChanged, this, [this] {
        if (!m_intents.isEmpty())
            Q_EMIT dataChanged(index(0, ChangeColumn), index(rowCount() - 1, ChangeColumn));
    });
    connect(m_repository, &LinkRepository::aboutToReset, this, [this] { beginResetModel(); });
    connect(m_repository, &LinkRepository::resetDone, this, [this] {
        m_intents = m_repository->openIntents();
        endResetModel();
    });
}

int IntentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_intents.size());
}

int IntentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IntentsModel::describe(const Intent &intent) const
{
    const auto name = [this](const RecordKey &key) {
        const QString title = m_repository->title(key);
        return title.isEmpty() ? key.toString() : title;
    };
    const std::optional<LinkType> type = m_repository->linkType(
        intent.link.source.vendor, intent.link.source.account, intent.link.type);
    const QString how
        = type && !type->forwardLabel.isEmpty() ? type->forwardLabel : intent.link.type;
    const QString source = name(intent.link.source);
    const QString target = name(intent.link.target);
    if (intent.link.direction == LinkDirection::Undirected) {
        return intent.kind == Intent::Kind::AddLink
            ? tr("Link “%1” and “%2” (%3)").arg(source, target, how)
            : tr("Remove the link between “%1” and “%2” (%3)").arg(source, target, how);
    }
    return intent.kind == Intent::Kind::AddLink
        ? tr("Link “%1” to “%2” (%3)").arg(source, target, how)
        : tr("Remove the link from “%1” to “%2” (%3)").arg(source, target, how);
}

QVariant IntentsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Intent &intent = m_intents.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChangeColumn:
            return describe(intent);
        case StateColumn:
            switch (intent.state) {
            case Intent::State::Pending:
                return intent.attempts > 0 ? tr("Waiting to be sent again") : tr("Waiting");
            case Intent::State::Sending:
                return tr("Sending to %1").arg(vendorDisplayName(intent.link.source.vendor));
            case Intent::State::Failed:
                return tr("Failed");
            case Intent::State::Confirmed:
            case Intent::State::Discarded:
                return {};
            }
            return {};
        case MessageColumn:
            return intent.message;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1\nAsked %2 · sent %n time(s)", nullptr, intent.attempts)
            .arg(intent.message.isEmpty() ? describe(intent) : intent.message,
                 QLocale().toString(intent.created.toLocalTime(), QLocale::ShortFormat));
    case IntentIdRole:
        return intent.id;
    case IntentStateRole:
        return QVariant::fromValue(intent.state);
    case VendorRole:
        return QVariant::fromValue(intent.link.source.vendor);
    }
    return {};
}

QVariant IntentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case StateColumn:
        return tr("State");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

std::optional<Intent> IntentsModel::intentAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_intents.size())
        return std::nullopt;
    return m_intents.at(index.row());
}

void IntentsModel::follow()
{
    const QList<Intent> now = m_repository->openIntents();
    const auto has = [](const QList<Intent> &list, qint64 id) {
        return std::any_of(list.cbegin(), list.cend(),
                           [id](const Intent &intent) { return intent.id == id; });
    };
    // Closed ones go (from the bottom, so that rows keep their numbers while removing).
    for (int row = int(m_intents.size()) - 1; row >= 0; --row) {
        if (!has(now, m_intents.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_intents.removeAt(row);
            endRemoveRows();
        }
    }
    // The rest changed in place; both lists are in id order.
    for (int row = 0; row < m_intents.size(); ++row) {
        const auto it = std::find_if(now.cbegin(), now.cend(), [&](const Intent &intent) {
            return intent.id == m_intents.at(row).id;
        });
        if (!(*it == m_intents.at(row))) {
            m_intents[row] = *it;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    // New ones come last (ids only grow).
    QList<Intent> added;
    for (const Intent &intent : now) {
        if (!has(m_intents, intent.id))
            added.append(intent);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_intents.size()), int(m_intents.size() + added.size() - 1));
        m_intents += added;
        endInsertRows();
    }
}
