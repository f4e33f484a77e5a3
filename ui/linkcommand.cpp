#include "ui/linkcommand.h"

#include "models/linkrepository.h"
#include "models/vendor.h"

using namespace Qt::StringLiterals;

namespace {

Intent::Kind opposite(Intent::Kind kind)
{
    return kind == Intent::Kind::AddLink ? Intent::Kind::RemoveLink : Intent::Kind::AddLink;
}

} // namespace

LinkCommand::LinkCommand(LinkRepository *repository, Intent::Kind kind, const QList<Link> &links,
                         const QString &text, Reporter report)
    : QUndoCommand(text)
    , m_repository(repository)
    , m_kind(kind)
    , m_links(links)
    , m_report(std::move(report))
{ }

void LinkCommand::redo()
{
    apply(m_kind);
}

void LinkCommand::undo()
{
    apply(opposite(m_kind));
}

void LinkCommand::apply(Intent::Kind kind)
{
    for (const Link &link : std::as_const(m_links)) {
        const std::optional<Intent> open = m_repository->openIntentFor(link.key());
        Result result = Result::success();
        if (open && open->kind == kind) {
            continue; // already asked for (a repeated redo)
        } else if (open && open->state == Intent::State::Sending) {
            result = Result::failure(
                tr("“%1” is being sent to %2; undo or redo it once it has arrived (see Pending "
                   "Changes).")
                    .arg(text(), vendorDisplayName(link.source.vendor)));
            setObsolete(true);
        } else if (open) {
            // The opposite change has not reached the vendor: dropping it is the way back.
            result = m_repository->setIntentState(open->id, Intent::State::Discarded);
        } else {
            // The vendor has the opposite change: ask for this one, a new request.
            const std::optional<Link> stored = m_repository->link(link.key());
            const bool present = stored && stored->state != LinkState::Failed;
            if (present == (kind == Intent::Kind::AddLink))
                continue; // nothing to do: the vendor already has it so
            Intent intent;
            intent.kind = kind;
            intent.link = stored ? *stored : link;
            result = m_repository->addIntent(intent);
        }
        if (!result && m_report) {
            m_report(tr("“%1” could not be undone or redone completely:").arg(text()), result);
            return;
        }
    }
}
