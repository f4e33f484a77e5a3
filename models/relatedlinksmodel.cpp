#include "models/relatedlinksmodel.h"

#include "models/recorddrag.h"

#include "models/linkrepository.h"

#include <QCollator>

using namespace Qt::StringLiterals;

namespace {

/// Internal ids: 0 for group rows, the group's row + 1 for record rows.
constexpr quintptr GroupId = 0;

} // namespace

RelatedLinksModel::RelatedLinksModel(LinkRepository *repository, QObject *parent)
    : QAbstractItemModel(parent)
    , m_repository(repository)
{
    connect(repository, &LinkRepository::linksAdded, this, &RelatedLinksModel::rebuildIfTouched);
    connect(repository, &LinkRepository::linksChanged, this, &RelatedLinksModel::rebuildIfTouched);
    connect(repository, &LinkRepository::linksRemoved, this, &RelatedLinksModel::rebuildIfTouched);
    connect(repository, &LinkRepository::recordsAdded, this, &RelatedLinksModel::rebuildIfShown);
    connect(repository, &LinkRepository::recordsChanged, this, &RelatedLinksModel::rebuildIfShown);
    connect(repository, &LinkRepository::linkTypesChanged, this,
            [this](Vendor vendor, const QString &account) {
                if (m_record && m_record->vendor == vendor && m_record->account == account)
                    rebuild();
            });
    connect(repository, &LinkRepository::resetDone, this, &RelatedLinksModel::rebuild);
}

RelatedLinksModel::~RelatedLinksModel() = default;

void RelatedLinksModel::setRecord(const std::optional<RecordKey> &record)
{
    if (record == m_record)
        return;
    m_record = record;
    rebuild();
}

int RelatedLinksModel::linkCount() const
{
    int count = 0;
    for (const Group &group : m_groups)
        count += int(group.rows.size());
    return count;
}

void RelatedLinksModel::rebuildIfTouched(const QList<Link> &links)
{
    if (!m_record)
        return;
    for (const Link &link : links) {
        if (link.touches(*m_record))
            return rebuild();
    }
}

void RelatedLinksModel::rebuildIfShown(const QList<RecordKey> &keys)
{
    if (!m_record)
        return;
    for (const RecordKey &key : keys) {
        if (key == *m_record)
            return rebuild();
        for (const Group &group : std::as_const(m_groups)) {
            for (const Row &row : group.rows) {
                if (row.other == key)
                    return rebuild();
            }
        }
    }
}

void RelatedLinksModel::rebuild()
{
    beginResetModel();
    m_groups.clear();
    if (m_record) {
        const RecordKey &self = *m_record;
        QHash<QString, qsizetype> groupOf; // "<type>|<forward?>"
        for (const Link &link : m_repository->linksOf(self)) {
            const bool fromSource
                = link.direction == LinkDirection::Undirected || link.source == self;
            const QString key = link.type + (fromSource ? u"|>"_s : u"|<"_s);
            auto it = groupOf.constFind(key);
            if (it == groupOf.cend()) {
                const auto type = m_repository->linkType(self.vendor, self.account, link.type);
                QString label = type ? type->labelFrom(fromSource) : QString();
                if (label.isEmpty())
                    label = type && !type->name.isEmpty() ? type->name : link.type;
                m_groups.append({link.type, label, {}});
                it = groupOf.insert(key, m_groups.size() - 1);
            }
            const RecordKey other = link.otherEnd(self);
            const auto record = m_repository->record(other);
            m_groups[*it].rows.append(
                {link, other, record ? record->displayTitle() : other.type + u' ' + other.id});
        }
        QCollator collator;
        collator.setNumericMode(true);
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        std::stable_sort(m_groups.begin(), m_groups.end(), [&](const Group &a, const Group &b) {
            return collator.compare(a.label, b.label) < 0;
        });
        for (Group &group : m_groups) {
            std::stable_sort(group.rows.begin(), group.rows.end(), [&](const Row &a, const Row &b) {
                return collator.compare(a.title, b.title) < 0;
            });
        }
    }
    endResetModel();
}

QModelIndex RelatedLinksModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, GroupId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex RelatedLinksModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
}

int RelatedLinksModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() == GroupId && parent.column() == 0)
        return int(m_groups.at(parent.row()).rows.size());
    return 0;
}

int RelatedLinksModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant RelatedLinksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == GroupId) {
        const Group &group = m_groups.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == TitleColumn)
                return u"%1 (%2)"_s.arg(group.label).arg(group.rows.size());
            return {};
        case Qt::ToolTipRole:
            return tr("%n record(s) %1 this one", nullptr, int(group.rows.size())).arg(group.label);
        case LinkTypeRole:
            return group.typeId;
        case IsGroupRole:
            return true;
        default:
            return {};
        }
    }
    const Group &group = m_groups.at(int(index.internalId() - 1));
    const Row &row = group.rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return row.title;
        case TypeColumn:
            return row.other.type;
        case StateColumn:
            switch (row.link.state) {
            case LinkState::Confirmed:
                return tr("Confirmed");
            case LinkState::Pending:
                return tr("Pending");
            case LinkState::Failed:
                return tr("Failed");
            }
            return {};
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return row.link.state == LinkState::Failed && !row.link.error.isEmpty()
            ? row.link.error
            : row.other.toString();
    case RecordKeyRole:
        return QVariant::fromValue(row.other);
    case LinkKeyRole:
        return QVariant::fromValue(row.link.key());
    case LinkStateRole:
        return QVariant::fromValue(row.link.state);
    case LinkTypeRole:
        return row.link.type;
    case IsGroupRole:
        return false;
    default:
        return {};
    }
}

QVariant RelatedLinksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Related record");
    case TypeColumn:
        return tr("Type");
    case StateColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags RelatedLinksModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.data(RecordKeyRole).isValid())
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList RelatedLinksModel::mimeTypes() const
{
    return {QString(RecordDrag::MimeType)};
}

QMimeData *RelatedLinksModel::mimeData(const QModelIndexList &indexes) const
{
    return RecordDrag::mimeData(indexes, RecordKeyRole);
}

Qt::DropActions RelatedLinksModel::supportedDragActions() const
{
    return Qt::LinkAction | Qt::CopyAction;
}
