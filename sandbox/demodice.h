#pragma once

#include <QList>
#include <QRandomGenerator>

#include <cstddef>
#include <initializer_list>

/// The seeded dice of a demo world: every choice goes through here, in a fixed order, so one
/// seed always builds the same world. Shared by the vendors' demo generators.
class DemoDice
{
public:
    explicit DemoDice(quint32 seed)
        : m_rng(seed)
    { }
    /// 0 .. n-1; n must be at least 1.
    int below(int n) { return int(m_rng.bounded(n)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[below(int(N))];
    }
    template<typename T>
    const T &pick(const QList<T> &items)
    {
        return items.at(below(int(items.size())));
    }
    template<typename T>
    T pick(std::initializer_list<T> items)
    {
        return items.begin()[below(int(items.size()))];
    }

private:
    QRandomGenerator m_rng;
};

/// Hands out ids from `start` upwards with gaps of 1..maxGap, as a busy real database would.
class DemoIdSequence
{
public:
    DemoIdSequence(qint64 start, int maxGap)
        : m_next(start)
        , m_maxGap(maxGap)
    { }
    qint64 next(DemoDice &dice)
    {
        const qint64 id = m_next;
        m_next += m_maxGap > 1 ? dice.between(1, m_maxGap) : 1;
        return id;
    }

private:
    qint64 m_next;
    int m_maxGap;
};
