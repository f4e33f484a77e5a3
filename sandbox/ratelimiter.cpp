#include "sandbox/ratelimiter.h"

#include <algorithm>

RateLimiter::RateLimiter(int limit, qint64 windowMs)
    : m_limit(limit)
    , m_windowMs(windowMs)
{ }

RateLimiter::Decision RateLimiter::take(const QString &subject, qint64 nowMs)
{
    if (m_limit <= 0)
        return {true, 0, 0, nowMs, 0};
    std::deque<qint64> &log = m_log[subject];
    while (!log.empty() && log.front() <= nowMs - m_windowMs)
        log.pop_front();
    Decision decision;
    decision.limit = m_limit;
    decision.allowed = int(log.size()) < m_limit;
    if (decision.allowed)
        log.push_back(nowMs);
    decision.remaining = std::max(0, m_limit - int(log.size()));
    decision.resetMs = log.empty() ? nowMs : log.front() + m_windowMs;
    if (!decision.allowed)
        decision.retryAfterSeconds
            = int(std::max<qint64>(1, (decision.resetMs - nowMs + 999) / 1000));
    return decision;
}
