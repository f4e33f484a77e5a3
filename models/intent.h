#pragma once

#include "models/link.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

/// A change to a link the user asked for, kept in the workspace from the moment it is asked
/// until the vendor has it (the outbox). It survives a crash or a kill at any moment: the
/// intent and the link's pending state are written in one transaction.
///
/// Lifecycle: Pending (written, not sent) → Sending (a request may be on its way; after a
/// crash the vendor's state is read to decide) → Confirmed (the vendor has it; closed), or
/// Failed (with the vendor's message; Retry makes it Pending again, Discard closes it as
/// Discarded). Confirmed and Discarded intents are closed: kept in the file as history, gone
/// from openIntents().
struct Intent
{
    enum class Kind : quint8 {
        AddLink = 0,
        RemoveLink = 1,
    };
    enum class State : quint8 {
        Pending = 0,
        Sending = 1,
        Confirmed = 2,
        Failed = 3,
        Discarded = 4,
    };

    qint64 id = 0; ///< set by LinkRepository::addIntent()
    Kind kind = Kind::AddLink;
    /// The link to add, or the link to remove as it was (its vendor link id included).
    Link link;
    State state = State::Pending;
    int attempts = 0; ///< how many times it was sent
    /// The vendor's message when Failed; what happened when a conflict was settled.
    QString message;
    QDateTime created;
    QDateTime updated;
    /// For an undo: the intent this one reverses (0: none).
    qint64 reverses = 0;

    bool isOpen() const
    {
        return state == State::Pending || state == State::Sending || state == State::Failed;
    }

    friend bool operator==(const Intent &, const Intent &) = default;
};

Q_DECLARE_METATYPE(Intent)
