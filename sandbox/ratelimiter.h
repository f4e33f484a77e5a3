#pragma once

#include <QHash>
#include <QString>

#include <deque>

/// A rolling-window request limit per subject (an API key, a user, an account), as the vendors
/// apply them: at most `limit` requests in any `windowMs` milliseconds.
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        /// When the oldest request in the window leaves it (epoch ms): a slot is free again.
        qint64 resetMs = 0;
        /// Whole seconds until then, at least 1 when refused.
        int retryAfterSeconds = 0;
    };

    RateLimiter(int limit, qint64 windowMs);

    /// Counts one request of `subject` at `nowMs` if it is allowed.
    Decision take(const QString &subject, qint64 nowMs);
    /// 0 or less: no limit.
    void setLimit(int limit) { m_limit = limit; }
    int limit() const { return m_limit; }
    qint64 windowMs() const { return m_windowMs; }
    void reset() { m_log.clear(); }

private:
    int m_limit;
    qint64 m_windowMs;
    QHash<QString, std::deque<qint64>> m_log;
};
