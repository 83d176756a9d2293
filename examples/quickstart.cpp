// quickstart: the whole Kaizala flow, step by step, against the emulator running in this process.
// With the real service, drop step 0 and the emulator-only lines (marked), and the same code runs.
#include <kaizala/emulator/server.hpp>
#include <kaizala/kaizala.hpp>
#include <kaizala/webhook.hpp>

#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>

namespace {

// Prints a step's outcome; stops the program on an error.
template <class T>
T step(const char* what, kaizala::result<T> r) {
  if (!r) {
    std::cerr << "  x " << what << ": " << r.error().to_string() << '\n';
    std::exit(1);
  }
  std::cout << "  ok " << what << '\n';
  return std::move(*r);
}

}  // namespace

int main() {
  // 0. A Kaizala service to talk to (emulator only).
  kaizala::emulator::options emu_opt;
  emu_opt.log = [](std::string_view) {};  // quiet: this program prints its own steps
  kaizala::emulator::server emulator(emu_opt);
  step("start the emulator", emulator.start());
  std::cout << "Kaizala emulator at " << emulator.base_url() << "\n\n";

  // A session holds the connector's credentials and looks after tokens and retries.
  kaizala::session_options opt;
  opt.application_id = std::string(kaizala::emulator::demo_application_id);
  opt.application_secret = std::string(kaizala::emulator::demo_application_secret);
  opt.auth_url = emulator.base_url() + "/v1";  // emulator only: the real auth root is the default
  opt.on_refresh_token = [](const std::string&) {
    std::cout << "  (a refresh token to store safely)\n";
  };
  kaizala::session kaizala(opt);
  const std::string me = "+911099999999";

  std::cout << "1. Sign in with a one-time PIN\n";
  step("GeneratePin: PIN sent by SMS", kaizala.request_pin(me));
  std::string pin = *emulator.last_pin(me, opt.application_id);  // emulator only: read the "SMS"
  step("GetRefreshToken with the PIN", kaizala.login_with_pin(me, std::stoi(pin)));

  std::cout << "2. Create a group and add members (the access token is fetched on the way)\n";
  kaizala::CreateGroupRequest create;
  create.name = "Quickstart team";
  create.welcomeMessage = "Welcome!";
  auto group = step("CreateGroup", kaizala.call<kaizala::ops::CreateGroup>(create));
  std::cout << "     group " << group.groupId << " on " << kaizala.endpoint() << '\n';
  step("AddMembers",
       kaizala.call<kaizala::ops::AddMembers>({group.groupId, {"+911199999999", "+911299999999"}}));
  auto members = step("FetchMembers", kaizala.call<kaizala::ops::FetchMembers>({group.groupId}));
  std::cout << "     " << members.members.size() << " members\n";

  std::cout << "3. Register a webhook (a local receiver answers the validation handshake)\n";
  std::mutex mu;
  std::condition_variable arrived;
  std::vector<std::string> events;
  kaizala::webhook_receiver::options hook_opt;
  hook_opt.callback_token = "quickstart-callback-token";
  kaizala::webhook_receiver hooks(hook_opt, [&](const kaizala::Event& e) {
    std::lock_guard<std::mutex> lock(mu);
    events.push_back(std::string(kaizala::to_string(e.eventType)));
    arrived.notify_all();
  });
  step("start the receiver", hooks.start());
  kaizala::SubscribeToAllEventsRequest subscribe;
  subscribe.objectId = group.groupId;
  subscribe.objectType = kaizala::ObjectType::Group;
  subscribe.eventTypes = {kaizala::EventType::TextMessageCreated,
                          kaizala::EventType::SurveyResponse};
  subscribe.callBackUrl = hooks.url();
  subscribe.callBackToken = hook_opt.callback_token;
  step("SubscribeToAllEvents", kaizala.call<kaizala::ops::SubscribeToAllEvents>(subscribe));

  std::cout << "4. Send a message, then a picture\n";
  auto sent = step("SendMessage",
                   kaizala.call<kaizala::ops::SendMessage>({group.groupId, "Hello from C++"}));
  std::cout << "     referenceId " << sent.referenceId << '\n';
  kaizala::UploadMediaRequest upload;
  upload.file = {"dot.png", "image/png", std::string("\x89PNG\r\n\x1a\n", 8)};
  auto media = step("UploadMedia", kaizala.call<kaizala::ops::UploadMedia>(upload));
  kaizala::SendSurveyRequest picture;
  picture.groupId = group.groupId;
  picture.actionType = kaizala::ActionType::Image;
  kaizala::MediaActionBody image;
  image.mediaResource = media.mediaResource;
  image.caption = "A very small picture";
  picture.actionBody = kaizala::to_json_value(image);
  step("SendSurvey (actionType Image)", kaizala.call<kaizala::ops::SendSurvey>(picture));

  std::cout << "5. Run a survey\n";
  kaizala::SurveyBody survey;
  survey.title = "Lunch?";
  kaizala::Question where;
  where.title = "Where shall we go?";
  where.type = kaizala::QuestionType::SingleOption;
  where.options = std::vector<kaizala::QuestionOption>{{"Canteen"}, {"Park"}};
  survey.questions = {where};
  kaizala::SendSurveyRequest post;
  post.groupId = group.groupId;
  post.actionType = kaizala::ActionType::Survey;
  post.actionBody = kaizala::to_json_value(survey);
  auto created = step("SendSurvey", kaizala.call<kaizala::ops::SendSurvey>(post));

  kaizala::PostingSurveyResponseRequest answer;
  answer.groupId = group.groupId;
  answer.surveyId = created.actionId.value_or("");
  answer.actionBody.answers = {boost::json::value("Park")};
  step("PostingSurveyResponse", kaizala.call<kaizala::ops::PostingSurveyResponse>(answer));

  kaizala::FetchJobsRequest list;
  list.groupId = group.groupId;
  list.actionType = kaizala::ActionType::Survey;
  auto surveys = step("FetchJobs (actionType Survey)", kaizala.call<kaizala::ops::FetchJobs>(list));
  std::cout << "     " << surveys.actions.size() << " survey(s) in the group\n";
  auto details =
      step("FetchingSurveyResponses",
           kaizala.call<kaizala::ops::FetchingSurveyResponses>({group.groupId, answer.surveyId}));
  if (details.actionDetails)
    std::cout << "     " << details.actionDetails->responseCount.value_or(0) << " response(s)\n";

  std::cout << "6. Webhook events\n";
  {
    std::unique_lock<std::mutex> lock(mu);
    arrived.wait_for(lock, std::chrono::seconds(5), [&] { return events.size() >= 2; });
    for (const auto& e : events) std::cout << "     received " << e << '\n';
  }
  std::cout << "\nDone: " << kaizala.stats().calls << " calls, " << kaizala.stats().renewals
            << " access token(s), " << kaizala.stats().retries << " retries.\n";
  return 0;
}
