#pragma once

#include "models/linktype.h"
#include "models/recordkey.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class LinkRepository;

/// One way to link two records: a link type and the direction the link takes.
struct LinkChoice
{
    LinkType type;
    /// The link goes from the second record to the first (e.g. dropping an issue on a ticket
    /// makes "ticket is dependent on issue" when only ticket -> issue is allowed).
    bool reversed = false;

    /// The new link, from the records as the question named them.
    Link link(const RecordKey &first, const RecordKey &second) const;
    /// How it reads from the first record: "is parent of", "is child of".
    QString label() const { return type.labelFrom(!reversed); }

    friend bool operator==(const LinkChoice &a, const LinkChoice &b) = default;
};

/// The answer to "may these two records be linked, and how?": the choices, or why not.
struct LinkVerdict
{
    QList<LinkChoice> choices;
    /// When there is no choice: one sentence a person understands, naming the vendor's rule.
    QString reason;

    bool allowed() const { return !choices.isEmpty(); }
};

/// The vendors' link rules as code, asked before anything is sent (while dragging, in the link
/// picker, by the command line). The vendor stays the authority: a link these rules allow may
/// still be refused (a record changed meanwhile), and its answer is then shown.
///
/// - Every vendor: both records of one account; a record is not linked to itself; a link that
///   already exists (either direction for undirected types) is not offered again.
/// - Copper related items (seed 001): the allowed pairs (leads only with tasks; people,
///   companies, opportunities, projects and tasks with each other, never two of one type); a
///   person has at most one company, a task at most one related record in total.
///   Connect fields (seed 000): the field's available_on type to its connected type (either way
///   round: Copper mirrors them), never a task, once per pair and field.
/// - DevRev (seed 002, VENDORS.md): the type's source and target types where known
///   (is_dependent_on: ticket->issue, issue->issue, issue->code_change; custom types: their
///   source and target types); deprecated custom types take no new links; is_parent_of: one
///   parent, no cycles, at most 2 levels below a root; is_merged_into: one per source, no cycle.
/// - pm415: records of different types only (initiative, backlog, item, bug).
/// - Laserfiche: any two entries, on any link definition of the repository.
///
/// `types` are the account's link types as its connector listed them; `links` (may be null)
/// is the workspace, for limits, duplicates, parents and cycles.
class LinkRules
{
    Q_DECLARE_TR_FUNCTIONS(LinkRules)

public:
    static LinkVerdict check(const RecordKey &first, const RecordKey &second,
                             const QList<LinkType> &types, const LinkRepository *links);
};
