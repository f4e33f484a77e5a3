#pragma once

#include "models/linkrules.h"
#include "models/recordkey.h"

#include <QDialog>
#include <QList>

#include <optional>

class LinkRepository;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeView;
class RecordSearch;
class SearchResultsModel;

/// Link to… without a mouse: the records to link are given; the user types to find the record
/// to link them to (search as in the explorer, limited to their vendor), sees at once whether
/// and how the vendor allows it (the same rules as a drop), picks the kind of link when more
/// than one fits, and confirms with Enter.
class LinkToDialog : public QDialog
{
    Q_OBJECT

public:
    LinkToDialog(LinkRepository *repository, RecordSearch *search, const QList<RecordKey> &records,
                 QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QTreeView *resultsView() const { return m_view; }
    /// The verdict line: how the link will read, or why it cannot be made.
    QString verdictText() const;
    /// Once accepted: the record chosen and the way to link to it.
    std::optional<RecordKey> target() const { return m_target; }
    std::optional<LinkChoice> choice() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();

    LinkRepository *m_repository;
    QList<RecordKey> m_records;
    SearchResultsModel *m_results;
    QLineEdit *m_search;
    QTreeView *m_view;
    QLabel *m_verdict;
    QComboBox *m_choices;
    QDialogButtonBox *m_buttons;
    std::optional<RecordKey> m_target;
    QList<LinkChoice> m_currentChoices;
};
