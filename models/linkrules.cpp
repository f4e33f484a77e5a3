#include "models/linkrules.h"

#include "models/linkrepository.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QList<Link> linksOf(const LinkRepository *links, const RecordKey &key)
{
    return links ? links->linksOf(key) : QList<Link>();
}

/// A directed type that reads the same from both ends (DevRev's is_related_to): A->B and B->A
/// are the same relation to the user and to the vendor.
bool isSymmetric(const LinkType &type)
{
    return type.direction == LinkDirection::Directed && !type.forwardLabel.isEmpty()
        && type.forwardLabel == type.backwardLabel;
}

/// A link of `type` between the two, in this direction (or either way when undirected or
/// symmetric).
bool exists(const LinkRepository *links, const Link &link, const LinkType &type)
{
    if (!links)
        return false;
    const auto live = [&](const LinkKey &key) {
        const auto found = links->link(key);
        return found && found->state != LinkState::Failed;
    };
    return live(link.key())
        || (isSymmetric(type) && live(LinkKey{link.target, link.source, link.type}));
}

// --- Copper ---------------------------------------------------------------------------------

/// Seed 001: the pairs of record types Related Items may join (both ways).
constexpr std::pair<QStringView, QStringView> CopperPairs[] = {
    {u"lead", u"task"},           {u"person", u"company"},  {u"person", u"opportunity"},
    {u"person", u"task"},         {u"person", u"project"},  {u"company", u"opportunity"},
    {u"company", u"task"},        {u"company", u"project"}, {u"opportunity", u"task"},
    {u"opportunity", u"project"}, {u"project", u"task"},
};

bool copperPairAllowed(const QString &a, const QString &b)
{
    return std::ranges::any_of(CopperPairs, [&](const auto &pair) {
        return (pair.first == a && pair.second == b) || (pair.first == b && pair.second == a);
    });
}

/// Why a related-items link between `a` and `b` would break a Copper limit, or empty.
QString copperLimit(const LinkRepository *links, const RecordKey &a, const RecordKey &b)
{
    for (const auto &[self, other] : {std::pair{a, b}, std::pair{b, a}}) {
        qsizetype companies = 0;
        qsizetype related = 0;
        for (const Link &link : linksOf(links, self)) {
            if (link.type != "related"_L1 || link.state == LinkState::Failed)
                continue;
            ++related;
            companies += link.otherEnd(self).type == "company"_L1;
        }
        if (self.type == "person"_L1 && other.type == "company"_L1 && companies >= 1)
            return LinkRules::tr(
                "In Copper a person belongs to one company, and this person already has "
                "one. Remove that link first.");
        if (self.type == "task"_L1 && related >= 1)
            return LinkRules::tr("In Copper a task is related to one record at most, and this task "
                                 "already is. Remove that link first.");
    }
    return {};
}

void copperChoices(const RecordKey &a, const RecordKey &b, const QList<LinkType> &types,
                   const LinkRepository *links, LinkVerdict *verdict)
{
    for (const LinkType &type : types) {
        if (type.id == "related"_L1) {
            if (!copperPairAllowed(a.type, b.type)) {
                verdict->reason
                    = LinkRules::tr("Copper does not relate these kinds of record (%1 and %2).")
                          .arg(a.type, b.type);
                continue;
            }
            if (const QString limit = copperLimit(links, a, b); !limit.isEmpty()) {
                verdict->reason = limit;
                continue;
            }
            verdict->choices.append({type, false});
            continue;
        }
        // A connect field: from its available_on type to its connected type, either way round.
        const bool forward = type.sourceTypes.contains(a.type) && type.targetTypes.contains(b.type);
        const bool backward
            = type.sourceTypes.contains(b.type) && type.targetTypes.contains(a.type);
        if ((forward || backward) && a.type != "task"_L1 && b.type != "task"_L1)
            verdict->choices.append({type, !forward});
    }
}

// --- DevRev ---------------------------------------------------------------------------------

/// VENDORS.md: the only pairs is_dependent_on joins.
constexpr std::pair<QStringView, QStringView> DependencyPairs[] = {
    {u"ticket", u"issue"},
    {u"issue", u"issue"},
    {u"issue", u"code_change"},
};

bool devRevPairAllowed(const LinkType &type, const QString &source, const QString &target)
{
    if (type.id == "is_dependent_on"_L1) {
        return std::ranges::any_of(DependencyPairs, [&](const auto &pair) {
            return pair.first == source && pair.second == target;
        });
    }
    return (type.sourceTypes.isEmpty() || type.sourceTypes.contains(source))
        && (type.targetTypes.isEmpty() || type.targetTypes.contains(target));
}

/// The one record linked to `key` by `type`, going out of it (`outgoing`) or into it.
std::optional<RecordKey> linkedBy(const LinkRepository *links, const RecordKey &key,
                                  const QString &type, bool outgoing)
{
    for (const Link &link : linksOf(links, key)) {
        if (link.type == type && link.state != LinkState::Failed
            && (outgoing ? link.source : link.target) == key) {
            return outgoing ? link.target : link.source;
        }
    }
    return std::nullopt;
}

constexpr int WalkLimit = 64;

/// Levels of is_parent_of above `key`.
int depth(const LinkRepository *links, RecordKey key)
{
    int levels = 0;
    while (levels < WalkLimit) {
        const auto parent = linkedBy(links, key, u"is_parent_of"_s, false);
        if (!parent)
            break;
        key = *parent;
        ++levels;
    }
    return levels;
}

/// Levels of is_parent_of below `key` (the longest chain).
int height(const LinkRepository *links, const RecordKey &key, int guard = 0)
{
    int levels = 0;
    if (guard > WalkLimit)
        return levels;
    for (const Link &link : linksOf(links, key)) {
        if (link.type == "is_parent_of"_L1 && link.source == key
            && link.state != LinkState::Failed) {
            levels = std::max(levels, 1 + height(links, link.target, guard + 1));
        }
    }
    return levels;
}

/// Why DevRev would refuse `source` -> `target` of `type` given the links there are, or empty.
QString devRevStructure(const LinkType &type, const RecordKey &source, const RecordKey &target,
                        const LinkRepository *links)
{
    if (type.id == "is_parent_of"_L1) {
        if (linkedBy(links, target, type.id, false))
            return LinkRules::tr(
                "In DevRev an item has one parent, and this one already has a parent.");
        for (auto at = std::optional(source); at; at = linkedBy(links, *at, type.id, false)) {
            if (*at == target)
                return LinkRules::tr("DevRev does not allow a cycle of parents.");
        }
        if (depth(links, source) + 1 + height(links, target) > 2)
            return LinkRules::tr("DevRev allows two levels of children below an item at most.");
    } else if (type.id == "is_merged_into"_L1) {
        if (linkedBy(links, source, type.id, true))
            return LinkRules::tr(
                "In DevRev an item is merged into one other item only, and this one "
                "already is.");
        for (auto at = std::optional(target); at; at = linkedBy(links, *at, type.id, true)) {
            if (*at == source)
                return LinkRules::tr("DevRev does not allow a cycle of merges.");
        }
    }
    return {};
}

void devRevChoices(const RecordKey &a, const RecordKey &b, const QList<LinkType> &types,
                   const LinkRepository *links, LinkVerdict *verdict)
{
    for (const LinkType &type : types) {
        if (type.deprecated)
            continue;
        for (const bool reversed : {false, true}) {
            const RecordKey &source = reversed ? b : a;
            const RecordKey &target = reversed ? a : b;
            if (!devRevPairAllowed(type, source.type, target.type))
                continue;
            if (const QString why = devRevStructure(type, source, target, links); !why.isEmpty()) {
                verdict->reason = why;
                continue;
            }
            verdict->choices.append({type, reversed});
            if (isSymmetric(type))
                break; // it reads the same both ways: one choice is enough
        }
    }
    if (!verdict->allowed() && verdict->reason.isEmpty())
        verdict->reason = LinkRules::tr("DevRev has no link type between these kinds of record "
                                        "(from %1 to %2).")
                              .arg(a.type, b.type);
}

} // namespace

Link LinkChoice::link(const RecordKey &first, const RecordKey &second) const
{
    Link made{reversed ? second : first,
              reversed ? first : second,
              type.id,
              type.direction,
              {},
              LinkState::Pending,
              {}};
    return made;
}

LinkVerdict LinkRules::check(const RecordKey &first, const RecordKey &second,
                             const QList<LinkType> &types, const LinkRepository *links)
{
    LinkVerdict verdict;
    if (first.vendor != second.vendor || first.account != second.account) {
        verdict.reason
            = LinkRules::tr("Links join records of one account: %1 (%2) and %3 (%4) are in "
                            "different ones.")
                  .arg(vendorDisplayName(first.vendor), first.account,
                       vendorDisplayName(second.vendor), second.account);
        return verdict;
    }
    if (first == second) {
        verdict.reason = LinkRules::tr("A record cannot be linked to itself.");
        return verdict;
    }
    switch (first.vendor) {
    case Vendor::Copper:
        copperChoices(first, second, types, links, &verdict);
        break;
    case Vendor::DevRev:
        devRevChoices(first, second, types, links, &verdict);
        break;
    case Vendor::Pm415:
        if (first.type == second.type) {
            verdict.reason
                = LinkRules::tr("pm415 connects records of different types only: both are %1s.")
                      .arg(first.type);
            return verdict;
        }
        for (const LinkType &type : types)
            verdict.choices.append({type, false});
        break;
    case Vendor::Laserfiche:
        for (const LinkType &type : types) {
            if (!type.deprecated)
                verdict.choices.append({type, false});
        }
        break;
    }

    // What is already there is not offered again.
    const qsizetype before = verdict.choices.size();
    verdict.choices.removeIf([&](const LinkChoice &choice) {
        return exists(links, choice.link(first, second), choice.type);
    });
    if (verdict.allowed()) {
        verdict.reason.clear(); // a reason about another type does not matter then
    } else if (before > 0) {
        verdict.reason = LinkRules::tr("These records are already linked in every way %1 allows.")
                             .arg(vendorDisplayName(first.vendor));
    } else if (verdict.reason.isEmpty()) {
        verdict.reason = LinkRules::tr("%1 has no link type for a %2 and a %3 in this account.")
                             .arg(vendorDisplayName(first.vendor), first.type, second.type);
    }
    return verdict;
}
