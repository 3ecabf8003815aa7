"""Which jobs a render runs, their names and their folder: selections that make sense (no kernel needed)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, append_row
from trialfigs import paths
from trialfigs.figures.suite import Job, default_suite
from trialfigs.paths import slug
from trialfigs.render.jobs import SelectionError, apply_selection, declared, default_out, nothing_to_draw, variant_name


def names(selection, **kwargs):
    return [job.name for job in apply_selection(default_suite(), selection, **kwargs)]


@pytest.mark.parametrize("selection, expected", [
    ({}, [job.name for job in default_suite()]),
    # a job fixed to OS runs as it is, one fixed to PFS does not run, one with any endpoint is narrowed to OS and
    # says so in its name; safety and trial pages have no endpoints (the list is derived from the suite: os_selection)
    ({"endpoints": ["OS"]}, "derived: os_selection"),
    ({"theme": "print", "formats": ["svg"]}, [f"{job.name}-print" for job in default_suite()]),
    ({"trials": ["EMILIA"], "theme": "print", "formats": ["svg"]},
     # the forest group holding EMILIA narrowed to it, then EMILIA's own jobs (derived from the suite: one_trial)
     "derived: one_trial"),
    ({"categories": ["serious"]}, [f"{job.name}-serious" for job in default_suite() if job.notebook == "safety"]),
    ({"seed": 7}, [f"{job.name}-seed-7" for job in default_suite() if job.notebook == "illustrative"]),
])
def test_a_selection_runs_the_jobs_it_changes_under_names_that_say_what_they_show(selection, expected):
    if expected == "derived: os_selection":
        expected = os_selection()
    if expected == "derived: one_trial":
        expected = [f"{name}-print" for name in one_trial("EMILIA")]
    assert names(selection) == expected


def one_trial(trial: str) -> list[str]:
    """`--trial T` by the rule: the forest group that holds T, narrowed to it and named for it, then every job of
    the suite fixed to T alone, in suite order."""
    suite = default_suite()
    forest = [f"forest-{slug(trial)}" for job in suite if job.notebook == "forest" and trial in job.parameters["trials"]][:1]
    return forest + [job.name for job in suite if job.notebook != "forest"
                     and (job.parameters.get("trials") == [trial] or job.parameters.get("trial") == trial)]


def os_selection() -> list[str]:
    """`--endpoint OS` by the rule, from the suite the data give (no trial or job named here): a job fixed to
    OS runs as it is, one fixed to another endpoint does not run, one whose notebook takes `endpoints` but is
    not fixed is narrowed to OS and named for it; notebooks without an endpoint (trial pages, safety) do not run."""
    expected = []
    for job in default_suite():
        fixed = job.parameters.get("endpoints")
        if fixed is None and "endpoint" in job.parameters:
            fixed = [job.parameters["endpoint"]]
        if fixed is not None:
            if fixed == ["OS"]:
                expected.append(job.name)
        elif "endpoints" in declared(paths.NOTEBOOKS / f"{job.notebook}.ipynb"):
            expected.append(f"{job.name}-os")
    return expected


def test_the_os_selection_rule_is_not_empty_and_narrows_a_forest_group():
    """The derived expectation above must have something to say: an unfixed forest group narrowed to OS."""
    expected = os_selection()
    assert any(name.startswith("forest-") and name.endswith("-os") for name in expected)
    assert not any(name.startswith(("safety-", "trial-")) for name in expected)


def test_a_parameter_goes_only_to_the_notebooks_that_declare_it():
    jobs = {job.name: job.parameters for job in apply_selection(default_suite(), {"trials": ["EMILIA"], "categories": ["serious"]})}
    assert jobs["safety-emilia-serious"] == {"trials": ["EMILIA"], "scope": "overall", "categories": ["serious"]}
    assert jobs["forest-emilia"] == {"trials": ["EMILIA"]}, "forest has no categories parameter"


@pytest.mark.parametrize("selection, kwargs, message", [
    ({"colour": "red"}, {},
     "no notebook of this render ({notebooks}) has the parameter 'colour'"),
    ({"categories": ["serious"]}, {"requested": ["forest"]}, "no notebook of this render (forest) has the parameter 'categories'"),
    ({"trials": ["EMILIA"]}, {"name": "mine"}, "--name names one figure, but this render has {count}: {first_two},"),
])
def test_a_selection_that_cannot_apply_says_why(selection, kwargs, message):
    jobs = default_suite()
    if kwargs.get("requested"):
        jobs = [job for job in jobs if job.notebook in kwargs["requested"]]
    emilia = one_trial("EMILIA")
    message = message.format(notebooks=", ".join(sorted({job.notebook for job in jobs})), count=len(emilia),
                             first_two=", ".join(emilia[:2]))
    with pytest.raises(SelectionError, match=re.escape(message)):
        apply_selection(jobs, selection, **kwargs)


def test_a_group_job_is_narrowed_to_the_selected_trials_and_named_for_them():
    """A setting's forest plot holds several trials: --trial X draws X's part of it, never another trial's."""
    forest = [j for j in default_suite() if j.notebook == "forest"]
    group = next(j for j in forest if len(j.parameters.get("trials", [])) > 1)
    first, *rest = group.parameters["trials"]
    jobs = apply_selection(forest, {"trials": [first]})
    assert [(j.name, j.parameters) for j in jobs] == [(f"forest-{first.lower()}", {**group.parameters, "trials": [first]})]


def test_a_requested_notebook_split_by_trial_gets_a_job_for_a_selected_trial_it_has_none_for():
    """`--notebook landmark --trial EMILIA`: EMILIA has no landmark job in the suite; the job runs and is skipped."""
    landmark = [j for j in default_suite() if j.notebook == "landmark"]
    jobs = apply_selection(landmark, {"trials": ["EMILIA"], "theme": "print"}, requested=["landmark"])
    assert [(j.name, j.parameters) for j in jobs] == [("landmark-emilia-print", {"trials": ["EMILIA"], "theme": "print"})]
    assert nothing_to_draw(jobs[0]) == "landmark-emilia-print: no EMILIA landmark rates, skipped"


def test_name_gives_the_one_variant_its_file_name():
    jobs = apply_selection([j for j in default_suite() if j.notebook == "forest"], {"trials": ["EMILIA"]}, name="emilia-hr")
    assert [(j.name, j.parameters) for j in jobs] == [("emilia-hr", {"trials": ["EMILIA"]})]


def test_the_trial_page_of_a_selected_trial_is_rendered_even_without_a_suite_job(package):
    """A trial added to the data gets its page from --notebook trial --trial X, under its own name."""
    trials = [j for j in default_suite() if j.notebook == "trial"]
    jobs = apply_selection([j for j in trials if j.parameters["trial"] == "KATHERINE"], {"trials": ["EMILIA"]},
                           requested=["trial"])
    assert [(j.name, j.parameters) for j in jobs] == [("trial-emilia", {"trial": "EMILIA"})]


@pytest.mark.parametrize("job, why", [
    (Job("landmark", "landmark-emilia", {"trials": ["EMILIA"]}), "landmark-emilia: no EMILIA landmark rates, skipped"),
    (Job("safety", "safety-emilia-x", {"trials": ["EMILIA"], "categories": ["leading_to_discontinuation"]}),
     "safety-emilia-x: no EMILIA leading_to_discontinuation adverse-event rates, skipped"),
    (Job("forest", "forest-emilia", {"trials": ["EMILIA"]}), None),
    (Job("landmark", "landmark", {}), None),
])
def test_a_job_with_nothing_to_draw_is_skipped_with_one_line_saying_why(job, why):
    assert nothing_to_draw(job) == why


def test_a_trial_without_landmark_rates_in_a_copy_of_the_data_is_skipped(package):
    append_row(package / "data" / "trials.csv", trial="ZZTEST", registry_id="NCT00000000", setting="metastatic")
    assert nothing_to_draw(Job("landmark", "x", {"trials": ["ZZTEST"]}), package / "data") == "x: no ZZTEST landmark rates, skipped"


@pytest.mark.parametrize("selection, folder", [
    ({}, "REPORTS"),
    ({"trials": ["EMILIA"]}, "BUILD"),
    ({"endpoints": ["OS"]}, "BUILD"),
    ({"theme": "print"}, "BUILD"),
])
def test_only_the_default_suite_goes_to_reports(selection, folder):
    assert default_out(apply_selection(default_suite(), selection)) == getattr(paths, folder)


def test_a_renamed_suite_job_is_not_the_suite():
    forest = [j for j in default_suite() if j.notebook == "forest"][:1]
    assert default_out(forest) == paths.REPORTS
    assert default_out(apply_selection(forest, {}, name="forest-copy")) == paths.BUILD


@pytest.mark.parametrize("name, changed, expected", [
    ("forest", {"trials": ["EMILIA"], "theme": "print", "formats": ["svg"]}, "forest-emilia-print"),
    ("forest", {"endpoints": ["OS", "PFS"]}, "forest-os-pfs"),
    ("illustrative-emilia-os", {"seed": 11}, "illustrative-emilia-os-seed-11"),
    ("forest", {"formats": ["svg"]}, "forest"),
    ("medians", {"analyses": ["final_os"]}, "medians-final-os"),
])
def test_variant_names(name, changed, expected):
    assert variant_name(name, changed) == expected


def test_a_notebooks_parameters_are_read_without_papermill():
    assert declared(ROOT / "notebooks" / "forest.ipynb") == {
        "trials": [], "endpoints": [], "analyses": [], "theme": "slide", "formats": ["png", "svg", "pdf"],
        "out_dir": "build/figures", "name": "forest"}


def test_a_cached_render_does_not_import_papermill(tmp_path):
    """A render with nothing to do stays light: papermill, nbclient, matplotlib and pandas load only when
    a notebook must run. The second, cached run is inspected in its own process."""
    args = ["render", "--notebook", "forest", "--trial", "EMILIA", "--format", "svg", "--out", str(tmp_path), "--quiet"]
    first = subprocess.run([sys.executable, "-m", "trialfigs.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0 and "rendered 1 notebook(s)" in first.stdout, first.stderr
    code = ("import sys\nfrom trialfigs import cli\nassert cli.main(%r) == 0\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'papermill', 'nbclient', 'matplotlib', 'pandas'}))" % args)
    again = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "rendered 0 notebook(s)" in again.stdout and again.stdout.strip().splitlines()[-1] == "[]"


def test_a_value_the_job_has_anyway_is_no_variant():
    """--theme slide is the notebooks' default: the default suite, into reports/."""
    jobs = apply_selection(default_suite(), {"theme": "slide", "formats": ["png", "svg", "pdf"]})
    assert [(j.name, j.parameters) for j in jobs] == [(j.name, j.parameters) for j in default_suite()]
    assert default_out(jobs) == paths.REPORTS


@pytest.mark.parametrize("pairs, selection, name", [
    ([("endpoints", '["OS"]')], {"endpoints": ["OS"]}, None),
    ([("theme", "print")], {"theme": "print"}, None),
    ([("seed", "7")], {"seed": 7}, None),
    ([("name", "mine")], {}, "mine"),
    ([("trial", "EMILIA")], {"trials": ["EMILIA"]}, None),
    ([("trials", '["EMILIA"]')], {"trials": ["EMILIA"]}, None),
])
def test_p_pairs_are_read_as_json_and_trial_and_name_act_like_their_flags(pairs, selection, name):
    from trialfigs.render.jobs import with_parameters

    assert with_parameters({}, pairs) == (selection, name)


def test_p_text_where_a_list_is_declared_is_refused_with_the_json_form():
    """`-p trials EMILIA` (text, not a JSON list) is refused, naming how to pass a list (issue 24)."""
    from trialfigs.render.jobs import SelectionError, with_parameters

    with pytest.raises(SelectionError, match="JSON list"):
        with_parameters({}, [("trials", "EMILIA")])


def test_p_trial_renders_that_trials_page_under_its_own_name():
    """`-p trial EMILIA` once wrote EMILIA's page into trial-katherine.md."""
    from trialfigs.render.jobs import with_parameters

    selection, name = with_parameters({}, [("trial", "EMILIA")])
    jobs = apply_selection([j for j in default_suite() if j.notebook == "trial"], selection, requested=["trial"], name=name)
    assert [(j.name, j.parameters) for j in jobs] == [("trial-emilia", {"trial": "EMILIA"})]


def test_a_selection_goes_to_build_even_when_its_jobs_equal_suite_jobs():
    """Issue 16: reports/ belongs to make report; `render --trial X` keeps X's own suite jobs unchanged, yet is a selection."""
    from trialfigs import paths
    from trialfigs.figures.suite import default_suite
    from trialfigs.render.jobs import default_out

    fixed = [job for job in default_suite() if job.notebook == "trial"][:1]
    assert default_out(fixed) == paths.REPORTS
    assert default_out(fixed, selected=True) == paths.BUILD
