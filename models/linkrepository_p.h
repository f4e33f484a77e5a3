#pragma once

// Private to LinkRepository and its tests: not part of the models library's API.

/// Fault injection for tests: proves that a write failing in the middle of a transaction leaves
/// the file and the memory as they were.
namespace LinkRepositoryTesting {

/// Makes the n-th row write (INSERT, UPDATE or DELETE of one record or link) from now on fail
/// as if SQLite had reported an error; the rows written before it in the same transaction have
/// really been written. 0 turns the fault off; it also turns itself off once it has fired.
void failRowWrite(int n);

} // namespace LinkRepositoryTesting
