#include "ui/linktodialog.h"

#include "models/linkrepository.h"
#include "models/recorddrag.h"
#include "models/recordfilter.h"
#include "models/recordtreemodel.h"
#include "models/searchresultsmodel.h"
#include "models/vendor.h"
#include "ui/recordtreedelegate.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

LinkToDialog::LinkToDialog(LinkRepository *repository, RecordSearch *search,
                           const QList<RecordKey> &records, QWidget *parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_records(records)
    , m_results(new SearchResultsModel(search, this))
{
    setObjectName(u"linkToDialog"_s);
    const QString first = records.isEmpty() || repository->title(records.first()).isEmpty()
        ? (records.isEmpty() ? QString() : records.first().toString())
        : repository->title(records.first());
    setWindowTitle(records.size() == 1 ? tr("Link “%1” to…").arg(first)
                                       : tr("Link %n records to…", nullptr, int(records.size())));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"linkToSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        records.isEmpty()
            ? QString()
            : tr("Search titles and ids in %1").arg(vendorDisplayName(records.first().vendor)));
    m_view = new QTreeView(this);
    m_view->setObjectName(u"linkToResults"_s);
    m_view->setModel(m_results);
    m_view->setItemDelegate(new RecordTreeDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setHeaderHidden(true);
    for (int column = 1; column < m_results->columnCount(); ++column)
        m_view->setColumnHidden(column, true);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(u"linkToVerdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_choices = new QComboBox(this);
    m_choices->setObjectName(u"linkToChoices"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Link"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&As:"), m_choices);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_verdict);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(560, 420);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        RecordFilter filter;
        filter.text = text;
        if (!m_records.isEmpty())
            filter.vendors = {m_records.first().vendor};
        m_results->setFilter(filter);
    });
    connect(m_results, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandAll();
        // The best match: the first record under the first account and type.
        const QModelIndex type = m_results->index(0, 0, m_results->index(0, 0));
        m_view->setCurrentIndex(m_results->index(0, 0, type));
        update();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &LinkToDialog::update);
    // Down from the search field goes into the list; Enter anywhere links.
    m_search->installEventFilter(this);
    update();
}

bool LinkToDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down) {
        m_view->setFocus();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

std::optional<LinkChoice> LinkToDialog::choice() const
{
    const int index = m_choices->currentIndex();
    if (index < 0 || index >= m_currentChoices.size())
        return std::nullopt;
    return m_currentChoices.at(index);
}

QString LinkToDialog::verdictText() const
{
    return m_verdict->text();
}

void LinkToDialog::update()
{
    m_target.reset();
    m_currentChoices.clear();
    m_choices->clear();
    const QVariant key = m_view->currentIndex().data(RecordTreeModel::RecordKeyRole);
    if (!key.isValid()) {
        m_verdict->setText(m_search->text().trimmed().isEmpty()
                               ? tr("Type to find the record to link to.")
                               : tr("No record matches."));
    } else {
        const RecordKey target = key.value<RecordKey>();
        const LinkVerdict verdict = RecordDrag::check(m_records, target, m_repository);
        if (verdict.allowed()) {
            m_target = target;
            m_currentChoices = verdict.choices;
            for (const LinkChoice &choice : verdict.choices) {
                m_choices->addItem(choice.type.name.isEmpty() || choice.type.name == choice.label()
                                       ? choice.label()
                                       : tr("%1 (%2)").arg(choice.label(), choice.type.name));
            }
            m_verdict->setText(tr("Link to “%1”.").arg(m_view->currentIndex().data().toString()));
        } else {
            m_verdict->setText(verdict.reason);
        }
    }
    m_choices->setEnabled(m_currentChoices.size() > 1);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_target.has_value());
}
