#pragma once

#include "models/intent.h"
#include "models/result.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class Connector;
class LinkRepository;

/// Sends the user's link changes to the vendors and records every answer, so that nothing is
/// lost and nothing is applied twice (ARCHITECTURE.md, data flow 2).
///
/// Every change is first an intent in the workspace (LinkRepository::addIntent(): written, and
/// shown as pending, before anything is sent). The outbox then takes the open intents oldest
/// first, one at a time per account (so that changes to one account reach it in order):
/// - Pending: marked Sending in the workspace, then sent through the account's connector
///   (createLink or deleteLink, which verify by reading back and are safe to repeat). Success:
///   Confirmed (an added link with the vendor's id). No answer (offline, timeout, 5xx, 429):
///   the vendor's state is read, then the change is sent again after a growing pause, up to
///   MaxAutomaticAttempts sends. Any other failure, or that many: Failed, with the vendor's
///   message; retry() or discard() then.
/// - Sending when the outbox starts: a previous run stopped between sending and hearing back
///   (a crash, a kill, the network gone). The vendor's links of the record are read first: a
///   change it already holds is Confirmed without sending it again; one it does not is Pending
///   and sent. So each change is applied exactly once.
/// - Failed: left for the user.
/// Intents of accounts without a connector (not connected, signed out) wait.
class Outbox : public QObject
{
    Q_OBJECT

public:
    using ConnectorLookup = std::function<Connector *(Vendor vendor, const QString &account)>;

    /// First pause before an unreachable vendor is tried again; it doubles up to MaxRetryMs.
    static constexpr int FirstRetryMs = 5'000;
    static constexpr int MaxRetryMs = 5 * 60'000;
    /// Sends of one change that may fail for want of an answer before it is shown as Failed.
    static constexpr int MaxAutomaticAttempts = 5;

    Outbox(LinkRepository *repository, ConnectorLookup connectors, QObject *parent = nullptr);
    ~Outbox() override;

    /// Settles what a previous run left Sending, sends what is Pending, and from then on sends
    /// each new intent as it comes.
    void start();
    /// Sends nothing new; answers to requests already sent are still recorded.
    void stop();
    bool isRunning() const { return m_running; }

    /// A new intent to add (or remove) `link`, written before anything is sent; `reverses`:
    /// the intent an undo reverses. The repository's refusals come back as they are.
    Result addLink(const Link &link, qint64 reverses = 0, qint64 *id = nullptr);
    Result removeLink(const Link &link, qint64 reverses = 0, qint64 *id = nullptr);
    /// A Failed intent is sent again.
    Result retry(qint64 id);
    /// A Pending or Failed intent is dropped; its link goes back to what the vendor has.
    Result discard(qint64 id);

    /// Open intents (Pending, Sending, Failed): changes the vendors do not have yet.
    int unsentCount() const;
    /// Requests on their way.
    int activeCount() const { return int(m_inFlight.size()); }
    /// The pause before the next try after an unreachable vendor (tests shorten it).
    void setRetryDelays(int firstMs, int maxMs);

Q_SIGNALS:
    /// An intent was confirmed by its vendor (or found applied), or failed with `message`.
    void intentSettled(qint64 id, bool confirmed, const QString &message);
    /// unsentCount() may have changed.
    void unsentChanged(int count);
    /// Nothing is on its way and nothing Pending can be sent now.
    void idle();

private:
    Result enqueue(Intent::Kind kind, const Link &link, qint64 reverses, qint64 *id);
    void pump();
    void send(const Intent &intent, Connector *connector);
    void reconcile(const Intent &intent, Connector *connector);
    /// The account's vendor could not be reached: its intents wait, then are tried again.
    void waitAndRetry(const QString &account);
    void settle(qint64 id, Intent::State state, const QString &message,
                const QString &vendorLinkId = {});
    static QString accountOf(const Intent &intent);

    LinkRepository *m_repository;
    ConnectorLookup m_connectors;
    bool m_running = false;
    bool m_pumping = false;
    QHash<qint64, QString> m_inFlight; ///< intent id → its account
    QSet<qint64> m_reconciled; ///< Sending intents of this run (not left by a previous one)
    struct Backoff
    {
        QDeadlineTimer until;
        int nextMs = 0;
    };
    QHash<QString, Backoff> m_backoff; ///< by account, while its vendor is unreachable
    QTimer m_retryTimer;
    int m_firstRetryMs = FirstRetryMs;
    int m_maxRetryMs = MaxRetryMs;
};
