#pragma once

#include "models/link.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

/// A kind of link an account offers, as its connector reads it from the vendor (Copper
/// connect-field definitions, DevRev link types and custom link types, Laserfiche link
/// definitions) or knows it (Copper related items, pm415 connections).
///
/// `id` is what Link::type holds for links of this kind. The labels say how the link reads from
/// each end, in the vendor's words: a DevRev is_parent_of link reads "is parent of" from its
/// source and "is child of" from its target; undirected kinds use the same label twice.
struct LinkType
{
    QString id;
    QString name; ///< the vendor's name for the kind, for lists and choosers
    QString forwardLabel; ///< read from the source: "<source> forwardLabel <target>"
    QString backwardLabel; ///< read from the target: "<target> backwardLabel <source>"
    LinkDirection direction = LinkDirection::Undirected;
    /// Record types (RecordKey::type) a link of this kind may start from and go to; empty: the
    /// vendor's rules (models/ vendor rules) decide.
    QStringList sourceTypes;
    QStringList targetTypes;
    /// The vendor keeps existing links of a deprecated kind but takes no new ones.
    bool deprecated = false;

    /// How the link reads from `fromSource`'s side.
    QString labelFrom(bool fromSource) const { return fromSource ? forwardLabel : backwardLabel; }

    friend bool operator==(const LinkType &a, const LinkType &b) = default;
};

Q_DECLARE_METATYPE(LinkType)
