#include "ui/recorddetailswidget.h"

#include "models/linkrepository.h"

#include <QDate>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *selectableLabel(const QString &text, QWidget *parent)
{
    // Vendor data is untrusted: never let QLabel guess that it is rich text.
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    // Long unbreakable values (e-mail addresses, URLs) must not widen the pane.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

/// A field's value as a person reads it: lists joined, flags as Yes/No, ISO dates in the
/// user's locale; text as the vendor wrote it.
QString displayValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? RecordDetailsWidget::tr("Yes") : RecordDetailsWidget::tr("No");
    if (value.typeId() == QMetaType::QString) {
        const QString text = value.toString();
        if (text.size() == 10 && text.at(4) == u'-' && text.at(7) == u'-') {
            if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid())
                return QLocale().toString(date, QLocale::LongFormat);
        }
        return text;
    }
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    if (value.typeId() == QMetaType::QVariantList) {
        QStringList parts;
        for (const QVariant &v : value.toList())
            parts.append(v.toString());
        return parts.join(u", "_s);
    }
    return value.toString();
}

} // namespace

RecordDetailsWidget::RecordDetailsWidget(LinkRepository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    m_placeholder = new QLabel(tr("Select a record to see its details."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    outer->addWidget(m_placeholder);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content = scroll;
    outer->addWidget(scroll);

    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    m_title = selectableLabel({}, page);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = selectableLabel({}, page);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_webLink = new QLabel(page);
    m_webLink->setOpenExternalLinks(true);
    m_webLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_links = selectableLabel({}, page);
    m_fields = new QFormLayout;
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_fields->setLabelAlignment(Qt::AlignLeft);

    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_webLink);
    layout->addSpacing(8);
    layout->addLayout(m_fields);
    layout->addSpacing(8);
    layout->addWidget(m_links);
    layout->addStretch();
    scroll->setWidget(page);

    auto refreshIfShown = [this](const QList<RecordKey> &keys) {
        if (m_key && keys.contains(*m_key))
            refresh();
    };
    auto refreshIfTouched = [this](const QList<Link> &links) {
        if (m_key && std::any_of(links.cbegin(), links.cend(), [this](const Link &l) {
                return l.touches(*m_key);
            }))
            refresh();
    };
    connect(m_repository, &LinkRepository::recordsAdded, this, refreshIfShown);
    connect(m_repository, &LinkRepository::recordsChanged, this, refreshIfShown);
    connect(m_repository, &LinkRepository::linksAdded, this, refreshIfTouched);
    connect(m_repository, &LinkRepository::linksRemoved, this, refreshIfTouched);
    connect(m_repository, &LinkRepository::resetDone, this, [this] { setRecord(std::nullopt); });

    refresh();
}

void RecordDetailsWidget::setRecord(const std::optional<RecordKey> &key)
{
    m_key = key;
    refresh();
}

void RecordDetailsWidget::refresh()
{
    const std::optional<Record> record = m_key ? m_repository->record(*m_key) : std::nullopt;
    m_placeholder->setVisible(!record);
    m_content->setVisible(record.has_value());
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    if (!record)
        return;

    m_title->setText(record->displayTitle());
    m_subtitle->setText(tr("%1 in %2 · account %3 · id %4")
                            .arg(record->key.type, vendorDisplayName(record->key.vendor),
                                 record->key.account, record->key.id));
    m_webLink->setVisible(record->webUrl.isValid());
    if (record->webUrl.isValid()) {
        m_webLink->setText(u"<a href=\"%1\">%2</a>"_s.arg(
            record->webUrl.toString(QUrl::FullyEncoded).toHtmlEscaped(),
            tr("Open in %1").arg(vendorDisplayName(record->key.vendor)).toHtmlEscaped()));
    }
    for (auto it = record->fields.cbegin(); it != record->fields.cend(); ++it) {
        const QString value = displayValue(it.value());
        if (!value.isEmpty()) {
            auto *name = new QLabel(this);
            name->setTextFormat(Qt::PlainText);
            name->setText(it.key() + u':');
            m_fields->addRow(name, selectableLabel(value, this));
        }
    }
    if (record->title.isEmpty())
        m_fields->addRow(selectableLabel(
            tr("Only known through a link so far. Expand its record type to load it."), this));

    const auto links = m_repository->linksOf(record->key);
    const auto pending = std::count_if(links.cbegin(), links.cend(),
                                       [](const Link &l) { return l.state == LinkState::Pending; });
    QString text = tr("%n linked record(s)", nullptr, int(links.size()));
    if (pending > 0)
        text += u" · "_s + tr("%n pending", nullptr, int(pending));
    m_links->setText(text);
}
