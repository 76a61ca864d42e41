"""Dated facts by failure family, each on an invented show ("Harbour Lights", "Friday") with invented people:
one positive and one negative case per construction, so a fix holds on articles nobody has seen."""

from __future__ import annotations

from pathlib import Path

from bot.facts.build import build_fact_set

Found = set[tuple[str, int | None, int | None, str, str | None]]


def _show(folder: Path, title: str, service: str = "Tidewater+", country: str = "GB") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "show.toml").write_text(
        f'[show]\ntitle = "{title}"\naliases = []\nservice = "{service}"\n\n'
        f'[release]\ntime = "21:00"\ntimezone = "Europe/London"\ncountry = "{country}"\n',
        encoding="utf-8",
    )
    return folder


def _dates(folder: Path, text: str, title: str = "Harbour Lights") -> Found:
    seeds = _show(folder / "seeds", title)
    (seeds / "article.txt").write_text(text, encoding="utf-8")
    facts = build_fact_set(seeds)
    return {
        (d.kind, d.season, d.part, d.date, d.time if d.time_source != "show default" else None)
        for d in facts.dates
    }


def test_a_title_that_is_a_weekday_is_no_date(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nWhat to watch: 'Friday' returns\n\n"
        "Ines Varga starts shooting the streamer's 'Friday' in Lisbon.\n\n"
        "Friday returns with its third season on a Friday, March 14.\n",
        title="Friday",
    )
    assert found == {("premiere", 3, None, "2031-03-14", None)}


def test_a_weekday_beside_a_title_that_is_a_weekday_is_still_a_day(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nFriday season 3 news\n\nThe third season of Friday premiered on Monday.\n",
        title="Friday",
    )
    assert found == {("premiere", 3, None, "2031-03-03", None)}


def test_british_series_is_a_season_and_carries_to_the_next_sentence(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights series four review\n\n"
        "The fourth series of Harbour Lights arrived on Tidewater+ on Wednesday 4th September 2030.\n\n"
        "The fifth series is adapted from the next novel. It begins streaming on 24th September 2031.\n",
    )
    assert found == {("premiere", 4, None, "2030-09-04", None), ("premiere", 5, None, "2031-09-24", None)}


def test_a_series_of_someone_s_career_or_a_count_is_no_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\n"
        "Harbour Lights, her first series as a writer, premiered on Tidewater+ on March 1, 2029.\n",
    )
    assert found == {("premiere", 1, None, "2029-03-01", None)}


def test_a_season_in_an_after_clause_is_the_backdrop(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3 is coming\n\n"
        "The third season has a date. The new episodes land on Tidewater+ on 21 December, a year after "
        "season two arrived.\n",
    )
    assert found == {("premiere", 3, None, "2031-12-21", None)}


_LONG = " The drama, set in a fishing town, has become one of the service's most-watched titles in its first month."


def test_a_wire_dateline_dates_the_article_and_is_no_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "Press release\n\nPORT TALBOT, Wales — March 4, 2031 — Tidewater+ today announced that Harbour Lights "
        "has been renewed for a third season."
        + _LONG
        + "\n\nThe second season premieres Friday, March 14.\n",
    )
    assert found == {("renewal", 3, None, "2031-03-04", None), ("premiere", 2, None, "2031-03-14", None)}


def test_a_date_inside_a_sentence_before_a_dash_is_no_dateline(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "Harbour Lights news\n\nHarbour Lights premiered on Tidewater+ on March 4, 2029 — and"
        + _LONG
        + "\n\n"
        "The second season premieres Friday, March 14.\n",
    )
    assert found == {("premiere", 1, None, "2029-03-04", None)}


def test_a_series_order_is_the_first_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 2 news\n\nThe second season is coming. Tidewater+ first "
        "unveiled its order for the show in November 2028, after a straight-to-series order talk in May.\n",
    )
    assert found == {("renewal", 1, None, "2028-11", None)}


def test_each_clause_of_a_renewal_list_keeps_its_own_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nSeasons 5 and 6 of Harbour Lights were both green-lit in 2030: "
        "Tidewater+ picked up the fifth season in January 2030, then announced on Tuesday, Oct. 15, 2030, "
        "that Season 6 was a go.\n",
    )
    assert ("renewal", 5, None, "2030-01", None) in found
    assert ("renewal", 6, None, "2030-10-15", None) in found
    assert ("renewal", 6, None, "2030-01", None) not in found


def test_confirming_a_season_is_a_renewal_but_confirming_its_date_is_not(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nTidewater+ confirmed the third season on 2 March 2031. "
        "Ines Varga confirmed the third season will premiere on 9 May 2031.\n",
    )
    assert found == {("renewal", 3, None, "2031-03-02", None), ("premiere", 3, None, "2031-05-09", None)}


def test_friday_and_saturday_alone_are_days(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 2 review\n\nThe second season of Harbour Lights premiered on "
        "Saturday. A making-of special follows on Friday.\n",
    )
    assert found == {("premiere", 2, None, "2031-03-01", None)}


def test_the_new_run_is_the_season_in_focus(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 2 review\n\nThe new run, which dropped on Tidewater+ on Friday, "
        "turns to the harbour master.\n",
    )
    assert found == {("premiere", 2, None, "2031-02-28", None)}


def test_another_title_in_a_relative_clause_or_aside_lends_no_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 2 review\n\n"
        "It is a gripping hour, and Salt Marsh Road, which launches today with two episodes, rarely lets up. "
        "Ines Varga has had a busy spring: her other drama, Quayside, with Tomas Brell as a ferryman, arrived "
        "on 11 February. Harbour Lights, which returned on Friday, is better still.\n",
    )
    assert found == {("premiere", 2, None, "2031-02-28", None)}


def test_since_the_show_dropped_is_its_first_release_beside_another_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights renewed\n\nI have been refreshing the feed since the show dropped on "
        "12/25 and did not expect a pickup so fast, especially with S2 barely out of the gate.\n",
    )
    assert found == {("premiere", 1, None, "2030-12-25", None)}


def test_ticket_sales_with_time_and_zone_after_a_named_event(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights fan screening\n\nThe cast of Harbour Lights gathers for a fan screening "
        "of the third season's opening episode.\n\nTickets go on sale at 10am BST on Monday 10 March through "
        "the cinema's website, and if last year is any guide, they will vanish in minutes. Free tickets will "
        "be released on Friday, March 14 at 9 a.m. CT.\n",
    )
    assert found == {
        ("ticket_sale", None, None, "2031-03-10", "10:00"),
        ("ticket_sale", None, None, "2031-03-14", "09:00"),
    }


def test_tickets_without_any_event_are_for_nothing(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nIn other news, tickets for the Ines Varga tour go on sale "
        "Friday, March 14 at 10 a.m. ET.\n",
    )
    assert found == set()


def test_events_with_venue_or_city_and_a_time_the_next_sentence_gives(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3 premiere\n\n"
        "The cast of Harbour Lights celebrated the Season 3 world premiere Monday night at Quay Hall in Dublin. "
        "Tidewater+ will throw the season a second world premiere in Paris on March 20. The night opens at "
        "7 p.m. CET with a red carpet.\n",
    )
    assert found == {("event", None, None, "2031-03-03", None), ("event", None, None, "2031-03-20", "19:00")}


def test_an_event_without_a_day_or_a_place_is_no_event(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\nThe cast will walk a red carpet at some point in March, and "
        "a fan screening is planned for next week.\n",
    )
    assert found == set()


def test_a_roundup_heading_names_the_season_of_its_entry_and_an_events_sentence_keeps_its_premiere(
    tmp_path: Path,
) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nWhat to watch this week\n\n'Harbour Lights' Season 4, Part 1 (Tidewater+)\n\n"
        "The harbour is back on Thursday, March 13, when the first four episodes of the new season drop at "
        "3 a.m. ET. Ines Varga plays the harbour master. Her rival is new. Tidewater+ threw the season a world "
        "premiere in Paris on March 3, and Part 2 follows April 10.\n",
    )
    assert ("premiere", 4, 1, "2031-03-13", "03:00") in found
    assert ("premiere", 4, 2, "2031-04-10", None) in found
    assert ("event", None, None, "2031-03-03", None) in found


def test_a_later_time_that_no_release_verb_takes_is_not_the_premiere_time(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nThe fourth season premieres Thursday, March 13, and the "
        "cast will answer questions in a live chat that starts at 8 p.m. ET.\n",
    )
    assert found == {("premiere", 4, None, "2031-03-13", None)}


def test_a_time_a_later_sentence_gives_to_the_airing_but_not_another_days_time(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nHarbour Lights returns for a fourth season on Wednesday, "
        "April 9th. The network set the date on July 11, and it has since said the drama will air at "
        "9:30 p.m. ET.\n\nThe fifth season premieres on Friday, November 7. A fan panel follows on Saturday, "
        "November 8, and it streams at 8 p.m. ET.\n",
    )
    assert ("premiere", 4, None, "2031-04-09", "21:30") in found
    assert ("premiere", 5, None, "2031-11-07", None) in found


def test_a_season_or_part_in_a_clause_of_what_came_before_does_not_carry(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3 news\n\nAfter the shock ending of Season 2, Ines Varga is back. "
        "Cameras rolled on the season in Cork in July 2030.\n\n"
        "The second half of the third season has been a long wait ever since Part 1 ended. It arrives "
        "Wednesday, Sept. 3, with the final four episodes.\n",
    )
    assert found == {("production_start", 3, None, "2030-07", None), ("premiere", 3, 2, "2031-09-03", None)}


def test_a_parenthesised_dateline_dates_a_press_release(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "PRESS | Tidewater+\n\nPORT TALBOT, Wales (Nov. 17, 2030) – Tidewater+ today announced premiere dates for "
        "its winter lineup, led by the third season of Harbour Lights." + _LONG + "\n\n"
        "Production on the new season begins Monday, Nov. 24, in Cardiff.\n",
    )
    assert ("production_start", 3, None, "2030-11-24", None) in found


def test_guessed_denied_or_replaced_dates_are_no_facts(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nThe sixth season could arrive as early as May 2. "
        "Season 7 is not expected to premiere before June 2032. Season 8 was originally set to premiere on "
        "July 4, 2032. All 8 eps of the fourth season now drop Wednesday 3/26 at 9pm ET instead of midnight "
        "going into Thursday.\n",
    )
    assert found == {("premiere", 4, None, "2031-03-26", "21:00")}


def test_a_hedge_in_another_clause_does_not_void_a_stated_date(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nFans hoped for spring; the fourth season premieres "
        "on May 2. In May the cast tours, and the fifth season may follow.\n",
    )
    assert found == {("premiere", 4, None, "2031-05-02", None)}


def test_not_until_a_day_states_that_day(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nThe writers were delayed, and cameras didn't start "
        "rolling on the fourth season in Cork until Feb. 27.\n",
    )
    assert found == {("production_start", 4, None, "2031-02-27", None)}


def test_two_days_joined_share_the_year_said_once(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\n• Season 2 began filming in Ireland in May 2028 and was "
        "released in two halves, on 6 August and 3 September 2029.\n",
        title="Harbour Lights",
    )
    assert found == {
        ("production_start", 2, None, "2028-05", None),
        ("premiere", 2, 1, "2029-08-06", None),
        ("premiere", 2, 2, "2029-09-03", None),
    }


def test_a_release_abroad_is_still_no_home_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\nThe third season premieres on Tidewater+ on May 2, 2031; "
        "in Germany, it arrives on May 9, 2031.\n",
    )
    assert found == {("premiere", 3, None, "2031-05-02", None)}


def test_production_scheduled_to_get_under_way(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights first look\n\nTidewater+ has cast Ines Varga in Harbour Lights, with "
        "production scheduled to get under way in Cork on July 22.\n",
    )
    assert found == {("production_start", 1, None, "2031-07-22", None)}


def test_both_means_the_two_seasons_named_just_before(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights renewal guide\n\nHas Harbour Lights been renewed for Season 5?\n\n"
        "Yes, and for Season 6, too. Tidewater+ announced on Tuesday, March 4, that the series would return "
        "for both.\n\nS3 and S4 were shot back to back. Cameras rolled on both seasons in Cork in July 2029.\n",
    )
    assert found == {
        ("renewal", 5, None, "2031-03-04", None),
        ("renewal", 6, None, "2031-03-04", None),
        ("production_start", 3, None, "2029-07", None),
        ("production_start", 4, None, "2029-07", None),
    }


def test_both_without_two_seasons_before_lends_none(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 5\n\nThe fifth season was a hit on both sides of the Atlantic. "
        "Tidewater+ renewed it for both on March 4.\n",
    )
    assert found == {("renewal", 5, None, "2031-03-04", None)}


def test_an_event_told_in_the_past_with_a_weekday(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights cast toast season three\n\nInes Varga led the stars up a carpet laid "
        "outside the Quay Hall on Tuesday for the world premiere of season three.\n",
    )
    assert found == {("event", None, None, "2031-03-04", None)}


def test_a_headline_aside_does_not_hide_the_season_an_article_is_about(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nEXCLUSIVE: 'Harbour Lights' Starts Season 3 Shoot in Cork, With Season 4 Next\n\n"
        "Tidewater+ told partners the new season will start streaming in June.\n",
    )
    assert found == {("premiere", 3, None, "2031-06", None)}


def test_a_day_that_opens_the_sentence_is_the_day_of_its_main_verb(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nThis afternoon at the press tour in Cork, Ines Varga (the "
        "harbour master herself) took the stage and told the room the show has been renewed for a fourth "
        "season.\n",
    )
    assert found == {("renewal", 4, None, "2031-03-05", None)}


def test_the_final_season_or_a_return_without_a_number_is_no_first_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nThe final season of Harbour Lights premieres on Friday, "
        "June 6. Harbour Lights will return on June 13, Tidewater+ said Tuesday. Its return is set for March 3.\n",
    )
    assert found == set()


def test_the_final_season_takes_its_number_when_the_article_gives_one(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 5 news\n\nThe fifth season will be the last. The final season "
        "premieres on Friday, June 6.\n",
    )
    assert found == {("premiere", 5, None, "2031-06-06", None)}


def test_a_finale_or_a_cast_members_film_is_no_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\nThe season finale of Harbour Lights airs on April 30. "
        "Harbour Lights star Ines Varga's new film, Quayside, premieres on June 6.\n",
    )
    assert found == set()


def test_rumoured_tickets_and_a_possible_event_are_no_facts_and_a_sale_is_not_the_events_day(
    tmp_path: Path,
) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights fan screening\n\nA second fan screening at the Quay Hall in Cork could "
        "happen on April 20. Tidewater+ will hold a fan screening of Harbour Lights at the Quay Hall in Cork on "
        "March 20. Tickets are rumoured to go on sale Thursday. Tickets for the March 20 screening go on sale "
        "Friday at 10 a.m.\n",
    )
    assert found == {
        ("event", None, None, "2031-03-20", None),
        ("ticket_sale", None, None, "2031-03-07", "10:00"),
    }


def test_an_aside_about_the_first_release_before_the_main_verb(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights news\n\nHarbour Lights, which premiered on Tidewater+ in 2028, returns "
        "for its third season on April 10. Principal photography on the fourth season of Harbour Lights began "
        "in Cork on Feb. 2.\n",
    )
    assert found == {
        ("premiere", 1, None, "2028", None),
        ("premiere", 3, None, "2031-04-10", None),
        ("production_start", 4, None, "2031-02-02", None),
    }


def test_a_services_regional_name_is_still_abroad(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\nThe third season of Harbour Lights premieres on Tidewater+ "
        "on April 10. The third season arrives on Tidewater+ IN on May 2.\n",
    )
    assert found == {("premiere", 3, None, "2031-04-10", None)}


def test_each_ticket_phase_of_a_sentence_is_its_own_sale(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights premiere\n\nHarbour Lights will hold its world premiere at the Quay Hall "
        "in Dublin on Tuesday, March 18. A fan presale begins Thursday at 10 a.m. GMT, and the general on-sale "
        "follows Friday at noon.\n",
    )
    assert found == {
        ("event", None, None, "2031-03-18", None),
        ("ticket_sale", None, None, "2031-03-06", "10:00"),
        ("ticket_sale", None, None, "2031-03-07", "12:00"),
    }


def test_a_pickup_before_any_season_is_named_is_the_first_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-07\nTidewater+ orders Harbour Lights to series\n\nThe network has given a series order to "
        "Harbour Lights, the drama created by Ines Varga. The Friday pickup is among the first orders the "
        "network has made this year.\n",
    )
    assert found == {("renewal", 1, None, "2031-03-07", None)}


def test_a_renewal_with_no_season_known_names_none(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-07\nHarbour Lights news\n\nTidewater+ renewed Harbour Lights on Friday.\n",
    )
    assert found == set()


def test_a_byline_with_separators_dates_the_article(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "Harbour Lights fan blog\nHome | News | Recaps\n\nPosted by admin_gull | Mar 5, 2031 | News, Season 4 | "
        "47 comments\n\nTidewater+ announced TODAY that Harbour Lights is renewed for Season 4!!!\n",
    )
    assert found == {("renewal", 4, None, "2031-03-05", None)}


def test_a_long_line_with_a_date_is_no_byline(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "Harbour Lights fan blog\n\nHarbour Lights was renewed for a fourth season on Mar 5, 2031, and every "
        "one of us in the group chat lost it completely within minutes.\n\nIt premieres on Friday, June 6.\n",
    )
    assert found == {("renewal", 4, None, "2031-03-05", None)}


def test_the_day_a_premiere_date_or_a_trailer_came_out_is_no_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 4\n\nTidewater+ revealed the premiere date on Monday: the fourth "
        "season arrives April 10. The fourth season trailer, released Monday, shows the harbour in flames. "
        "Harbour Lights season 5 is coming May 8, the streamer said in a post on Monday.\n",
    )
    assert found == {("premiere", 4, None, "2031-04-10", None), ("premiere", 5, None, "2031-05-08", None)}


def test_a_filming_period_gives_its_start_only_from_a_day(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nHarbour Lights season 3\n\nSeason 1 was shot in and around Cork from September 2027. "
        "Season 2 was filmed in Dublin in 2029.\n",
    )
    assert found == {("production_start", 1, None, "2027-09", None)}


def test_a_press_schedule_in_capitals_is_read(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-05\nTIDEWATER+ SETS SPRING DATES; 'HARBOUR LIGHTS' OPENS SEASON FOUR ON MONDAY, APR. 7\n\n"
        "Harbour Lights stars Ines Varga.\n",
    )
    assert found == {("premiere", 4, None, "2031-04-07", None)}


def test_an_opening_that_places_the_sentence_abroad_covers_every_clause(tmp_path: Path) -> None:
    text = (
        "date 2026-03-02\nHarbour Lights comes to more screens.\n"
        "In Australia, yes, soon: Coastline Nine will air the first season of Harbour Lights from 5 May 2026.\n"
    )
    assert _dates(tmp_path, text) == set()
    home = "date 2026-03-02\nHarbour Lights: the first season arrives on Tidewater+ on 5 May 2026.\n"
    (tmp_path / "home").mkdir()
    assert {fact[:4] for fact in _dates(tmp_path / "home", home)} == {("premiere", 1, None, "2026-05-05")}


def test_a_quoted_title_that_carries_the_name_before_a_colon_is_another_show(tmp_path: Path) -> None:
    text = (
        "date 2026-03-02\nHarbour Lights news.\n"
        'Separately, the reality spin-off "Harbour Lights: The Regatta," in which 40 sailors race, is set to '
        "premiere on Tidewater+ on March 20.\n"
    )
    assert _dates(tmp_path, text) == set()


def test_an_order_during_a_seasons_run_is_for_the_next_one(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-09-20\nHarbour Lights news\n\n"
        "Tidewater+ renewed Harbour Lights on Sept. 4, barely a week into season 4's run.\n",
    )
    assert found == {("renewal", 5, None, "2031-09-04", None)}


def test_a_hyphenated_season_order_names_its_season(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-11-02\nHarbour Lights news\n\n"
        "Tidewater+ handed out the fourth-season order for Harbour Lights in September 2031.\n",
    )
    assert found == {("renewal", 4, None, "2031-09", None)}


def test_a_yearless_day_after_a_handed_order_is_in_the_past(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-08-06\nHarbour Lights news\n\n"
        "Tidewater+ handed Harbour Lights a 10-episode first-season order on Jan. 17, announcing it at a press "
        "tour.\n",
    )
    assert found == {("renewal", 1, None, "2031-01-17", None)}


def test_a_release_outside_the_home_country_is_no_home_premiere(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-07-14\nHarbour Lights news\n\n"
        "The sixth season of Harbour Lights premieres Tuesday, Sept. 8, 2031.\n\n"
        "Outside the United Kingdom, season six will stream on Other+ beginning Wednesday, Sept. 9.\n",
    )
    assert found == {("premiere", 6, None, "2031-09-08", None)}


def test_a_sequel_that_carries_the_title_is_no_part(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-07-14\nHarbour Lights news\n\n"
        "Harbour Lights premiered on Tidewater+ on March 3, 2030.\n\n"
        "The game's sequel, Harbour Lights Part II, launched on June 19, 2030, and divided players.\n",
    )
    assert found == {("premiere", 1, None, "2030-03-03", None)}


def test_a_premiere_at_a_named_venue_and_screenings_are_events(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-10\nHarbour Lights news\n\n"
        "Cast and creators will walk in at the season two premiere at the Grand Harbour Theatre in Lisbon on "
        "Monday, March 24.\n\n"
        "Tidewater+ held screenings of the first episode on Thursday, March 6, at the Quayside Film Center in "
        "Porto.\n",
    )
    assert {("event", "2031-03-24"), ("event", "2031-03-06")} <= {(kind, day) for kind, _, _, day, _ in found}


def test_a_premiere_at_midnight_is_no_event(tmp_path: Path) -> None:
    found = _dates(
        tmp_path,
        "date 2031-03-10\nHarbour Lights news\n\n"
        "The season two premiere arrives on Tidewater+ at midnight on Monday, March 24.\n",
    )
    assert {kind for kind, *_ in found} == {"premiere"}
