#include "models/link.h"

size_t qHash(const LinkKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.source, key.target, key.type);
}

LinkKey Link::key() const
{
    if (direction == LinkDirection::Undirected && target < source)
        return LinkKey{target, source, type};
    return LinkKey{source, target, type};
}

RecordKey Link::otherEnd(const RecordKey &end) const
{
    return source == end ? target : source;
}
