// Wagtail's autosave posts the edit form as it stands. Once workflow-action.js has put a
// decision's hidden fields into it ("Approve", "Request changes"), the form is on its way to
// the server and an autosave would send the decision a second time: the save is cancelled
// (Wagtail's autosave controller skips a "w-autosave:save" event whose default is prevented).
// See pact_pages/moderation/autosave.py, which refuses such a request on the server too.
document.addEventListener("w-autosave:save", (event) => {
  const formData = event.detail && event.detail.formData;
  if (formData && formData.has("action-workflow-action")) {
    event.preventDefault();
  }
});
