#pragma once

#include "models/recordkey.h"

#include <QWidget>

#include <optional>

class LinkRepository;
class QFormLayout;
class QLabel;

/// Shows one record of the repository: its title, where it comes from, its fields and a link
/// to its page at the vendor. Follows the repository, so it updates when the record changes.
class RecordDetailsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit RecordDetailsWidget(LinkRepository *repository, QWidget *parent = nullptr);

    /// The record to show; std::nullopt shows a hint instead.
    void setRecord(const std::optional<RecordKey> &key);
    std::optional<RecordKey> record() const { return m_key; }

private:
    void refresh();

    LinkRepository *m_repository;
    std::optional<RecordKey> m_key;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_webLink;
    QLabel *m_links;
    QFormLayout *m_fields;
    QLabel *m_placeholder;
    QWidget *m_content;
};
