"""People as they would answer, one per situation of clinical notes section 8.1, with the
least urgency the notes give each: shared by the engine's tests (test_clinical.py) and the
result pages' (test_views.py)."""

SECTION_8_1 = [
    # (situation, answers as a person would give them, the least urgency the notes give)
    (
        "an older person's fall, cannot stand",
        "red_flag=none&age=82&region=right-hip&onset=injury&pattern=cant-bear-weight",
        "emergency",
    ),
    (
        "a fall with weak bones, cannot get up",
        "red_flag=none&age=58&onset=injury&pattern=cant-bear-weight&about=osteoporosis-or-steroids",
        "emergency",
    ),
    (
        "cannot stand at 79, not sure how it started",
        "red_flag=none&age=79&region=left-hip&pattern=cant-bear-weight&onset=unsure",
        "emergency",
    ),
    (
        "sudden back pain after sitting down hard at 79",
        "red_flag=none&age=79&region=lower-back&onset=injury&feeling=sharp",
        "urgent",
    ),
    (
        "sudden back pain after a cough at 70, weak bones not known",
        "red_flag=none&age=70&region=lower-back&onset=sudden&duration=days",
        "urgent",
    ),
    (
        "long-term steroids, sudden pain after a cough",
        "red_flag=none&age=52&region=lower-back&onset=sudden&about=osteoporosis-or-steroids",
        "urgent",
    ),
    (
        "steroid tablets ticked as immune-weakening, sudden pain after a cough",
        "red_flag=none&age=52&region=lower-back&onset=sudden&about=weak-immunity-or-injecting",
        "urgent",
    ),
    (
        "weak bones, not sure how a pain of a few days started",
        "red_flag=none&age=60&region=lower-back&onset=unsure&duration=days"
        "&about=osteoporosis-or-steroids",
        "urgent",
    ),
    (
        "weak bones and back pain that came on gradually",
        "red_flag=none&age=60&region=lower-back&onset=gradual&duration=weeks"
        "&about=osteoporosis-or-steroids",
        "gp",
    ),
    (
        "a tight, swelling, numb calf after a kick",
        "red_flag=swollen-calf&age=24&region=left-calf&onset=injury&feeling=tightness"
        "&feeling=numbness&nerve_legs=one&about=athlete",
        "emergency",
    ),
    (
        "a thigh that keeps getting worse after a blow",
        "red_flag=none&age=30&region=right-thigh&onset=injury&feeling=tightness"
        "&pattern=getting-worse",
        "emergency",
    ),
    (
        "a leg numb after an injury",
        "red_flag=cold-leg-after-injury&age=40&region=left-calf&onset=injury",
        "emergency",
    ),
    ("a limping 13-year-old", "red_flag=none&age=13&region=right-hip&pattern=limp", "urgent"),
    (
        "a 12-year-old whose pain wakes him at night",
        "red_flag=none&age=12&region=lower-back&pattern=wakes-eases-moving&about=athlete",
        "urgent",
    ),
    (
        "a 16-year-old with knee pain and a limp",
        "red_flag=none&age=16&elsewhere=knee&pattern=limp&region=left-thigh",
        "urgent",
    ),
    ("a child with a high temperature", "red_flag=fever&age=10&region=lower-back", "urgent"),
    ("a child with back pain", "red_flag=none&age=11&region=lower-back&onset=gradual", "gp"),
    (
        "a new aching calf on the pill",
        "red_flag=none&age=31&region=left-calf&feeling=ache&onset=gradual&about=clot-risk",
        "urgent",
    ),
    (
        "calf pain after a long flight",
        "red_flag=none&age=45&region=right-calf&feeling=tightness&onset=sudden&about=clot-risk",
        "urgent",
    ),
    ("calf pain in pregnancy", "red_flag=none&age=29&region=left-calf&about=pregnant", "urgent"),
    (
        "a new calf pain with no injury",
        "red_flag=none&age=45&region=left-calf&feeling=ache&onset=gradual&duration=days",
        "gp",
    ),
    (
        "a swollen calf after an injury",
        "red_flag=swollen-calf&age=35&region=left-calf&onset=injury",
        "urgent",
    ),
    (
        "sudden back and tummy pain",
        "red_flag=none&age=40&region=lower-back&elsewhere=tummy&onset=sudden",
        "urgent",
    ),
    (
        "back and tummy pain at 50 or over",
        "red_flag=none&age=67&region=lower-back&elsewhere=tummy&onset=gradual",
        "urgent",
    ),
    (
        "kidney pain with a high temperature",
        "red_flag=fever&age=30&region=lower-back&elsewhere=tummy",
        "urgent",
    ),
    (
        "tummy pain and feeling faint",
        "red_flag=sudden-tummy-pain&age=70&region=lower-back&elsewhere=tummy",
        "emergency",
    ),
    (
        "a fall in pregnancy",
        "red_flag=none&age=30&region=lower-back&onset=injury&about=pregnant",
        "urgent",
    ),
    (
        "a high temperature on immune-weakening medicines",
        "red_flag=fever&age=50&region=lower-back&about=weak-immunity-or-injecting",
        "emergency",
    ),
    (
        "both legs unchanged for months, yet getting worse",
        "red_flag=none&age=70&region=left-calf&region=right-calf&feeling=numbness"
        "&nerve_legs=both-long-standing&pattern=getting-worse",
        "urgent",
    ),
    (
        "both legs new, then the nerve symptoms unticked",
        "red_flag=none&age=40&feeling=ache&nerve_legs=both-new",
        "emergency",
    ),
]
