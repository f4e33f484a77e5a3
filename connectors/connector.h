#pragma once

#include "connectors/connectorjob.h"
#include "models/account.h"
#include "models/linktype.h"
#include "models/record.h"
#include "models/recordsource.h"

#include <QElapsedTimer>
#include <QList>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>
#include <QVariantMap>

#include <deque>
#include <functional>

class NetworkJob;
class NetworkManager;

/// Speaks to one account of a vendor at the HTTP level: builds requests on the account's base
/// URL, adds the credentials, knows the vendor's error bodies and which values are secrets.
/// One per account, shared by every operation of that account's connector.
class VendorClient : public QObject
{
    Q_OBJECT

public:
    VendorClient(AccountConfig account, NetworkManager *network, QObject *parent = nullptr);

    const AccountConfig &account() const { return m_account; }
    NetworkManager *network() const;

    /// `path` (with any query) below the base URL: base ".../v1" + "/people/search".
    QUrl url(const QString &pathAndQuery) const;
    /// Whether `url` is on the account's own origin (scheme, host and port): the only place a
    /// server-given URL (a next-page link) may be followed with credentials.
    bool isOwnOrigin(const QUrl &url) const;

    /// Adds credentials and the vendor's fixed headers to `request`, then calls `ready` with it
    /// (possibly later: a token may have to be refreshed first); `ready` gets an error instead
    /// when no credential can be had.
    using Ready = std::function<void(const QNetworkRequest &request, const ConnectorError &error)>;
    virtual void authorize(QNetworkRequest request, QObject *context, Ready ready) = 0;
    /// The vendor's own message from an error body; empty when it has none. Untrusted input.
    virtual QString parseErrorBody(const QByteArray &body) const = 0;
    /// Values that must never appear in error details.
    virtual QList<QString> secrets() const = 0;
    /// Sees every answer (rate-limit headers, a token that stopped working); default: nothing.
    virtual void observe(const NetworkJob &job);
    /// Whether a 401 may be cured by authorize() asking again (an OAuth access token that
    /// observe() saw refused and that is then refreshed): a read refused so is sent once more
    /// at once. Default: false (an API key stays wrong).
    virtual bool renewsCredentials() const { return false; }

    /// How a read (GET) that failed for a passing reason is tried again: 429 (after the
    /// vendor's Retry-After or retry_after), 5xx, timeouts, a connection lost or an answer cut
    /// short (a body the mapping could not read). Writes are never repeated by the operation.
    struct RetryPolicy
    {
        int maxAttempts = 4; ///< the first try included
        int baseDelayMs = 500; ///< doubled on each retry, with ±25 % jitter ...
        int maxDelayMs = 8000; ///< ... up to this
        /// A Retry-After longer than this is not waited for: the read fails and says when to
        /// try again.
        int maxRetryAfterSeconds = 120;
    };
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }

    /// Paces this account's requests to at most `perWindow` in any `windowMs` (the vendor's
    /// documented limit: Copper 180 a minute, Laserfiche 100); 0: no pacing.
    void setRequestRate(int perWindow, qint64 windowMs);
    /// Takes a slot for a request now and returns 0, or returns the milliseconds until one is
    /// free (the caller asks again then).
    int reserveSlot();
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }

private:
    AccountConfig m_account;
    RetryPolicy m_retryPolicy;
    int m_ratePerWindow = 0;
    qint64 m_rateWindowMs = 0;
    QElapsedTimer m_clock;
    std::deque<qint64> m_sent; ///< m_clock times of the requests in the current window
    QPointer<NetworkManager> m_network;
};

/// One vendor operation (possibly many requests) of a Connector: what every connector returns.
/// Results are in records(), links() and linkTypes() once finished() came without error; which
/// of them an operation fills is said by the Connector method that made it.
///
/// Subclasses (or the lambdas given to the connector helpers) chain requests with send(); the
/// first failing request finishes the operation with its error.
class ConnectorOperation : public ConnectorJob
{
    Q_OBJECT

public:
    ConnectorOperation(VendorClient *client, QObject *parent);

    void abort() override;

    const QList<Record> &records() const { return m_records; }
    const QList<Link> &links() const { return m_links; }
    const QList<LinkType> &linkTypes() const { return m_linkTypes; }

    // Filled by the connector while it works.
    QList<Record> &records() { return m_records; }
    QList<Link> &links() { return m_links; }
    QList<LinkType> &linkTypes() { return m_linkTypes; }

    /// Handles a failed request instead of failing the operation (e.g. a 404 that means "already
    /// gone"); returns false to let it fail as usual.
    using FailureHandler = std::function<bool(NetworkJob *)>;

    /// Sends `verb` to `url` (made by client()->url(), or a server-given URL on the account's
    /// own origin: another origin finishes the operation with Kind::Redirect and sends nothing).
    /// `onSuccess` gets the finished request, which is deleted after it returns; `onFailure`,
    /// when given, sees a failure first (after the retries of a read).
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
              std::function<void(NetworkJob *)> onSuccess, FailureHandler onFailure = {});
    /// send() to client()->url(`pathAndQuery`).
    void send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
              std::function<void(NetworkJob *)> onSuccess, FailureHandler onFailure = {});

    /// Ends the operation successfully, or with an error (exposed for the connectors' lambdas).
    void succeed() { finish(); }
    void fail(const ConnectorError &error) { finish(error); }
    /// Fails (later) without a request: Linkloom refuses to send it. `problem` goes to details.
    void refuse(const QString &problem);
    /// Whether refuse() was called: the operation is over, send nothing more.
    bool isRefused() const { return m_refused; }
    /// Fails with BadResponse about `job`'s answer: `problem` says what was wrong with it. A read
    /// whose answer was cut short is tried again first, as the retry policy allows.
    void badResponse(const NetworkJob &job, const QString &problem);

    VendorClient *client() const { return m_client; }

Q_SIGNALS:
    /// Items received so far and the expected total (-1 when unknown).
    void progress(qsizetype received, qint64 total);
    /// A read is tried again in `delayMs` after `error`.
    void retrying(const ConnectorError &error, int delayMs);

private:
    struct Request
    {
        QByteArray verb;
        QUrl url;
        QByteArray body;
        std::function<void(NetworkJob *)> onSuccess;
        FailureHandler onFailure;
        int attempt = 1;
        bool renewed = false; ///< sent again once already after a 401 (renewsCredentials())
    };
    void start(Request request);
    /// Tries `m_last` again after a passing failure when the policy allows; false otherwise.
    bool retry(const ConnectorError &error);

    QPointer<VendorClient> m_client;
    QPointer<NetworkJob> m_current;
    Request m_last;
    bool m_handling = false; ///< inside the last request's onSuccess
    QList<Record> m_records;
    QList<Link> m_links;
    QList<LinkType> m_linkTypes;
    bool m_refused = false;
};

/// The operations every vendor connector offers, for one account. Each call returns a running
/// operation owned by `parent` (the connector when null): delete it once it finished. Record
/// keys given to a connector must be of its vendor and account, else the operation fails
/// (Kind::Rejected) without sending anything.
class Connector : public QObject
{
    Q_OBJECT

public:
    explicit Connector(VendorClient *client, QObject *parent = nullptr);

    VendorClient *client() const { return m_client; }
    const AccountConfig &account() const { return m_client->account(); }

    /// The record types the explorer shows for this account, in order.
    virtual QList<RecordTypeInfo> recordTypes() const = 0;
    /// linkTypes(): every kind of link the account offers, deprecated ones included.
    virtual ConnectorOperation *listLinkTypes(QObject *parent = nullptr) = 0;
    /// records(): every record of `type`, through every page; progress() per page.
    virtual ConnectorOperation *listRecords(const QString &type, QObject *parent = nullptr) = 0;
    /// records(): the one record (NotFound when the vendor has no such record).
    virtual ConnectorOperation *readRecord(const RecordKey &key, QObject *parent = nullptr) = 0;
    /// links(): every link of `key`, through every page, each with its direction and
    /// vendorLinkId where the vendor has one; records(): what the answers said about the
    /// records at the other ends (at least a title where the vendor gives one).
    virtual ConnectorOperation *readLinks(const RecordKey &key, QObject *parent = nullptr) = 0;
    /// links(): the link as the vendor now holds it (with its vendorLinkId). A link that is
    /// already there is success, not an error: the operation is safe to repeat.
    virtual ConnectorOperation *createLink(const Link &link, QObject *parent = nullptr) = 0;
    /// Removes `link` (found by vendorLinkId where the vendor has ids, else by its ends and
    /// type). A link that is already gone is success.
    virtual ConnectorOperation *deleteLink(const Link &link, QObject *parent = nullptr) = 0;
    /// Replaces `from` by `to`, two links that share exactly one end (a person's company A ->
    /// B). links(): `to` as the vendor now holds it. Safe to repeat: a move already done (`to`
    /// there, `from` gone) is success. Refused (Kind::Rejected, nothing sent) unless the links
    /// share exactly one end.
    ///
    /// Nothing is lost silently. By default (and wherever the vendor allows both at once) `to`
    /// is added before `from` is removed: a failed add changes nothing, a failed removal leaves
    /// both and the error says so. Where the vendor refuses to hold both (a limit: a Copper
    /// person has one company), a connector removes `from` first and, if adding `to` fails,
    /// adds `from` back; if that fails too, the error says exactly what is left (the record has
    /// no company now, and which one it had). A write is repeated only after reading the
    /// current state, so a repeat never duplicates a link.
    virtual ConnectorOperation *moveLink(const Link &from, const Link &to,
                                         QObject *parent = nullptr);
    /// The one end `a` and `b` share; std::nullopt when they share none or both.
    static std::optional<RecordKey> sharedEnd(const Link &a, const Link &b);
    /// Proves that the server answers and accepts the credential, reading as little as it can:
    /// linkTypes() as listLinkTypes() fills them. By default listLinkTypes(), for vendors who
    /// answer that from the server with the account's credential.
    virtual ConnectorOperation *checkConnection(QObject *parent = nullptr)
    {
        return listLinkTypes(parent);
    }

protected:
    QObject *owner(QObject *parent) { return parent ? parent : this; }
    /// A new operation whose result the caller fills; refused (isRefused(), failing later) when
    /// a key is not a record of this account: pass every key given to an operation, and return
    /// a refused operation at once.
    ConnectorOperation *operation(QObject *parent, std::initializer_list<RecordKey> keys = {});

private:
    QPointer<VendorClient> m_client;
};
