#include "ui/relatedpanel.h"

#include "models/linkrepository.h"
#include "models/relatedlinksmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RelatedPanel::RelatedPanel(LinkRepository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_model(new RelatedLinksModel(repository, this))
{
    m_heading = new QLabel(this);
    m_heading->setTextFormat(Qt::PlainText); // record titles are vendor text
    m_heading->setObjectName(u"relatedHeading"_s);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_heading->setWordWrap(true);

    m_view = new QTreeView(this);
    m_view->setObjectName(u"relatedView"_s);
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(RelatedLinksModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(RelatedLinksModel::TypeColumn, 110);
    m_view->header()->resizeSection(RelatedLinksModel::StateColumn, 90);
    m_view->setAccessibleName(tr("Related records"));

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandAll();
        updateHeading();
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QVariant key = index.data(RelatedLinksModel::RecordKeyRole);
        if (key.isValid())
            Q_EMIT followRecord(key.value<RecordKey>());
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_view);
    updateHeading();
}

void RelatedPanel::setRecord(const std::optional<RecordKey> &record)
{
    m_model->setRecord(record);
    updateHeading();
}

void RelatedPanel::updateHeading()
{
    const auto key = m_model->record();
    if (!key) {
        m_heading->setText(tr("Related"));
        return;
    }
    const auto record = m_repository->record(*key);
    const int links = m_model->linkCount();
    m_heading->setText(
        links == 0 ? tr("No links of “%1” known").arg(record ? record->displayTitle() : key->id)
                   : tr("Related to “%1” (%n link(s))", nullptr, links)
                         .arg(record ? record->displayTitle() : key->id));
}
