#pragma once

#include "models/intent.h"
#include "models/result.h"

#include <QCoreApplication>
#include <QList>
#include <QUndoCommand>

#include <functional>

class LinkRepository;

/// One user change of links (links made by a drop, links removed) on the undo stack.
///
/// redo() asks for the change: an intent per link, which the outbox sends. undo() takes it
/// back without ever replaying an old request: a change that has not been sent yet (Pending or
/// Failed) is discarded; one the vendor already has is reversed by a new, inverse intent
/// (remove what was added, add back what was removed). Redo after undo does the same the other
/// way round. A change still on its way (Sending) cannot be taken back at that moment: the user
/// is told, and the command leaves the stack (setObsolete()).
class LinkCommand : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(LinkCommand)

public:
    using Reporter = std::function<void(const QString &what, const Result &result)>;

    /// `kind`: what redo() asks for each of `links`.
    LinkCommand(LinkRepository *repository, Intent::Kind kind, const QList<Link> &links,
                const QString &text, Reporter report);

    void undo() override;
    void redo() override;

private:
    /// Makes every link's change `kind` happen (or stop happening), as described above.
    void apply(Intent::Kind kind);

    LinkRepository *m_repository;
    Intent::Kind m_kind;
    QList<Link> m_links;
    Reporter m_report;
};
