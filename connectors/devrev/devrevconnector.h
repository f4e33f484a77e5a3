#pragma once

#include "connectors/connector.h"

#include <QDateTime>
#include <QTimer>

#include <functional>

/// DevRev's personal-access-token sign-in for one account, its error bodies and its rate limit.
///
/// Every request carries `Authorization: Bearer <token>` and `X-Devrev-Scope: beta`: Linkloom
/// needs tasks, opportunities, accounts and code changes as link ends and the beta custom link
/// types, which the public API hides (it leaves such links out of links.list and refuses to
/// create them).
///
/// Pacing: observe() reads X-Ratelimit-Remaining and X-Ratelimit-Reset (epoch seconds; a value
/// below 10^9 is read as seconds from now) of every answer. When Remaining reaches 0, authorize()
/// holds every further request until Reset has passed (at most MaxPauseSeconds), checking the
/// clock every pacingCheckMs() with a QTimer, so that a clock that jumps (a suspended laptop, a
/// test) is noticed; the held requests then go out in their order. An answer with Remaining
/// above 0 ends the pause. Not supported: spreading requests over the window before it is used
/// up (DevRev's limit is generous; the 429 retry of ConnectorOperation covers the rest).
class DevRevClient : public VendorClient
{
    Q_OBJECT

public:
    /// DevRev counts requests over 5-minute windows: a pause never lasts longer than one window
    /// and some clock skew.
    static constexpr int MaxPauseSeconds = 5 * 60 + 30;

    /// `token` (a personal access token) is never logged or shown.
    DevRevClient(const AccountConfig &account, const QString &token, NetworkManager *network,
                 QObject *parent = nullptr);

    void setToken(const QString &token) { m_token = token; }

    void authorize(QNetworkRequest request, QObject *context, Ready ready) override;
    QString parseErrorBody(const QByteArray &body) const override;
    QList<QString> secrets() const override { return {m_token}; }
    void observe(const NetworkJob &job) override;

    /// "Now" in epoch milliseconds for the pacing; the system clock unless set (tests give the
    /// sandbox's clock).
    using Clock = std::function<qint64()>;
    void setClock(Clock nowMs);
    /// How often a pause checks whether Reset has passed (default 1000 ms).
    void setPacingCheckMs(int milliseconds) { m_checkMs = qMax(1, milliseconds); }
    int pacingCheckMs() const { return m_checkMs; }

    /// Whether requests are being held for the rate limit, and until when.
    bool isPaused() const;
    QDateTime pausedUntil() const;
    /// Requests held right now.
    qsizetype heldRequests() const { return m_held.size(); }

Q_SIGNALS:
    /// The rate limit is used up: requests wait until `until`.
    void paused(const QDateTime &until);
    /// The pause is over; held requests are being sent.
    void resumed();

private:
    struct Held
    {
        QPointer<QObject> context;
        QNetworkRequest request;
        Ready ready;
    };
    void checkPause();
    void release();

    QString m_token;
    Clock m_now;
    qint64 m_pausedUntilMs = 0;
    int m_checkMs = 1000;
    QList<Held> m_held;
    QTimer m_pacer;
};

/// DevRev links (seed 002) for one account, through the beta API.
///
/// Record types (RecordKey::type = DevRev's `type`, RecordKey::id = the DON id): issue, ticket,
/// task, opportunity (works.list type=...), product, capability, feature, enhancement
/// (parts.list type=...), account (accounts.list), rev_user (rev-users.list), dev_user
/// (dev-users.list). Link ends may also be other kinds (code_change, rev_org), kept as DevRev
/// names them.
///
/// - listRecords: GET <list endpoint>?type=..&limit=100, then next_cursor until absent (at most
///   MaxPages pages); progress() per page (total unknown).
/// - readRecord: works: GET works.get?id=. Other kinds: DevRev has no get endpoint Linkloom
///   can use for them (and the sandbox serves none), so their list is paged until the record
///   is found; NotFound when it is not there.
/// - readLinks: GET links.list?object=<id>&limit=100 (both directions), every page; records()
///   are both ends of every link, titled from the summaries DevRev embeds.
/// - listLinkTypes: seed 002's stock types (DevRevMapping) and every page of beta
///   link-types.custom.list, deprecated ones included.
/// - createLink: POST links.create. Safe to repeat: when DevRev says the link exists already,
///   or after an unclear failure (5xx, timeout, lost connection, unreadable answer), the
///   source's links are read (links.list) and the existing link is the result; an unclear
///   failure without the link there fails with its error (nothing was created). DevRev's
///   refusals (unexpected_id_type, artifact_already_attached_to_a_parent, bad_request, ...) are
///   said in a sentence that names the rule, with DevRev's own message. Whether a link is
///   allowed at all is for the vendor rules (models/linkrules.h) to say before this is called.
/// - deleteLink: POST links.delete {id} by vendorLinkId; without one, the link is found by
///   links.list of its source (ends and type). 404 (already gone) is success; after an unclear
///   failure the source's links are read to see whether it is gone.
class DevRevConnector : public Connector
{
    Q_OBJECT

public:
    static constexpr int MaxPages = 2000;

    DevRevConnector(const AccountConfig &account, const QString &token, NetworkManager *network,
                    QObject *parent = nullptr);

    DevRevClient *devRevClient() const;

    QList<RecordTypeInfo> recordTypes() const override;
    ConnectorOperation *listLinkTypes(QObject *parent = nullptr) override;
    ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) override;
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) override;
    ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) override;
    ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) override;

private:
    /// An operation on `keys`, refused when one is not a DevRev record (a type name and a DON
    /// id).
    ConnectorOperation *checked(QObject *parent, std::initializer_list<RecordKey> keys);
    /// Every link of `objectId` (of `linkType` when given: a stock type or a custom type id),
    /// through every page, to `done`.
    struct LinkList;
    void readAllLinks(ConnectorOperation *op, const QString &objectId, const QString &linkType,
                      std::function<void(const LinkList &)> done);
    /// createLink's answer to a refusal or an unclear failure: the link as DevRev holds it if
    /// it is there, else `error`.
    void resolveExisting(ConnectorOperation *op, const Link &link, ConnectorError error);
    void removeById(ConnectorOperation *op, const Link &link, const QString &id);
};
