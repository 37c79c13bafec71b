"""Sharing jobs out (issue 12/15): runs about equal in work, in order, so no core waits at the end."""
from narration.spread import ThreadSpread, share_out


def test_runs_are_about_equal_in_weight_and_keep_their_order():
    weights = {"a": 5, "b": 5, "c": 1, "d": 1, "e": 1, "f": 1, "g": 6}
    # 20 in all, 2 runs: a run takes items until it holds its 10
    assert share_out(list("abcdefg"), weights.get, 2) == [["a", "b"], ["c", "d", "e", "f", "g"]]
    assert share_out(list("abcdefg"), weights.get, 4) == [["a"], ["b"], ["c", "d", "e", "f", "g"]]
    assert share_out([], weights.get, 3) == []


def test_a_run_ends_after_most_items_or_where_two_cannot_share_one():
    assert share_out([1, 2, 3, 4, 5], lambda _: 1, 1, most=2) == [[1, 2], [3, 4], [5]]
    assert share_out([1, 2, 4, 5, 6], lambda _: 1, 1, together=lambda last, item: item == last + 1) == [[1, 2],
                                                                                                    [4, 5, 6]]


def test_thread_spread_gives_every_result_and_stops_at_the_first_error():
    assert sorted(ThreadSpread(2).map(lambda n: n * n, [1, 2, 3])) == [1, 4, 9]
    assert list(ThreadSpread(2).map(lambda n: n + 1, [7])) == [8]

    def fails(n):
        raise ValueError(n)

    try:
        list(ThreadSpread(2).map(fails, [1, 2]))
    except ValueError:
        pass
    else:
        raise AssertionError("the job's error must reach the caller")


def test_deferred_work_begins_at_the_next_wait_or_when_asked_for_and_never_once_cancelled():
    import threading

    from narration.background import idle, when_idle

    ran = []

    def note(name):
        ran.append((name, threading.current_thread().name))
        return name

    waits = when_idle("first", note, "waits")
    asked = when_idle("second", note, "asked")
    dropped = when_idle("third", note, "dropped")
    dropped.cancel()
    assert ran == []  # nothing begins before the build waits
    assert asked.result() == "asked"  # asked for first: begun then
    assert [name for name, _ in ran] == ["asked"]
    idle()
    assert waits.result() == "waits"
    assert sorted(name for name, _ in ran) == ["asked", "waits"]
    assert all(thread != threading.main_thread().name for _, thread in ran)  # on threads of their own
    idle()  # nothing left: the cancelled one never runs
    assert sorted(name for name, _ in ran) == ["asked", "waits"]
