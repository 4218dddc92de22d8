
worker_class  # unused variable (gunicorn.conf.py:17)
graceful_timeout  # unused variable (gunicorn.conf.py:23)
keepalive  # unused variable (gunicorn.conf.py:24)
max_requests  # unused variable (gunicorn.conf.py:25)
max_requests_jitter  # unused variable (gunicorn.conf.py:26)
control_socket_disable  # unused variable (gunicorn.conf.py:27)
accesslog  # unused variable (gunicorn.conf.py:30)
errorlog  # unused variable (gunicorn.conf.py:31)
logger_class  # unused variable (gunicorn.conf.py:32)
on_starting  # unused function (gunicorn.conf.py:42)
JsonAccessLogger  # unused class (ivr/platform/access_log.py:15)
_.last_sign_in_at  # unused attribute (ivr/console/accounts.py:81)
holder_name  # unused variable (ivr/console/worklists.py:57)
_.apologised  # unused attribute (ivr/voice/webhook.py:50)
_.process_log_record  # unused method (ivr/platform/logs.py:63)
_.metrics_started  # unused attribute (ivr/platform/metrics.py:42)
_.load_config  # unused method (ivr/cli/serve.py:30)
impl  # unused variable (ivr/store/base.py:27)
cache_ok  # unused variable (ivr/store/base.py:28)
_.process_bind_param  # unused method (ivr/store/base.py:30)
_.process_result_value  # unused method (ivr/store/base.py:38)
type_annotation_map  # unused variable (ivr/store/base.py:48)
locked_at  # unused variable (ivr/store/calls.py:77)
updated_at  # unused variable (ivr/store/cardholders.py:26)
last_sign_in_at  # unused variable (ivr/store/console.py:24)
_.isolation_level  # unused attribute (ivr/store/db.py:14)
opted_out_at  # unused variable (ivr/store/optouts.py:19)
updated_at  # unused variable (ivr/store/softphone.py:24)
cardholders  # unused function (tests/plugins/app.py)
_.handle_starttag  # unused method (tests/plugins/console.py:134)
_.handle_endtag  # unused method (tests/plugins/console.py:140)
_.handle_data  # unused method (tests/plugins/console.py:145)
_.refresh_view  # Flask-Login's setting (ivr/console/signin.py)
_.is_active  # Flask-Login's user protocol (ivr/store/console.py)
_.get_id  # Flask-Login's user protocol (ivr/store/console.py)
_.satisfied_share  # called from console/dashboard.html (vulture does not read templates)
_.last_attempt_at  # column kept for the record (ivr/store/queue.py)
_.last_wait_at  # column kept for the record (ivr/store/queue.py)
_.answered_at  # column kept for the record (ivr/store/queue.py)
last_attempt_at  # column (ivr/store/queue.py)
last_wait_at  # column (ivr/store/queue.py)
answered_at  # column (ivr/store/queue.py)
by_caller4  # called by name: globals()[f"by_{key}"] in ivr/console/finding.py
by_id_number
by_mobile
by_mobile4
by_caller
model_config  # pydantic's model settings (ivr/api/schemas.py)
current_state  # pydantic fields of the card API's answers (ivr/api/schemas.py)
wanted_state
ready_outlet
replaced_by_card_id
cardholder_id_masked
pytest_addoption  # pytest hook (tests/conftest.py)
daemon_threads  # socketserver settings and http.server hooks (tests/plugins/flaky_twilio.py)
protocol_version
log_message
close_connection
do_POST
do_GET
pytest_configure  # pytest hook (tests/conftest.py)
pytest_plugins  # pytest reads it (tests/conftest.py)
pytest_collection_modifyitems  # pytest hook (tests/conftest.py): longer deadlines for the long profiles
session_interface  # Flask reads it (ivr/console/__init__.py)
get_values  # twilio.request_validator.RequestValidator calls it (ivr/voice/signature.py)
TextAccessLogger  # gunicorn logger_class for python app.py at a terminal (ivr/cli/serve.py names it)
_.font  # openpyxl reads a cell's font when it writes the workbook (ivr/console/report_files.py)
pytest_collection_modifyitems  # pytest calls it (tests/conftest.py)
summed_at  # column kept for the record: when an hour was last summed (ivr/store/service_hours.py)
marked_at  # column kept for the record: when an hour was marked stale (ivr/store/service_hours.py)
pytest_generate_tests  # pytest hook (tests/calls/conftest.py)
