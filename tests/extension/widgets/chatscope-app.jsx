// A chat app built with chatscope's chat UI kit: the composer's attach button opens
// a picker (an input made in script, as such apps do), and the app takes photos
// dropped on the conversation or pasted into the composer.
// Bundled with React by esbuild when the tests start (tests/extension/conftest.py).
import React from "react";
import { createRoot } from "react-dom/client";
import { MainContainer, ChatContainer, MessageList, Message, MessageInput } from "@chatscope/chat-ui-kit-react";
import "@chatscope/chat-ui-kit-styles/dist/default/styles.min.css";

function attach() {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "image/*";
  input.addEventListener("change", () => window.sendFiles(input.files, "chatscope"));
  input.click();
}

function Chat() {
  const dropped = (e) => {
    e.preventDefault();
    window.sendFiles(e.dataTransfer.files, "chatscope");
  };
  const pasted = (e) => {
    if (e.clipboardData.files.length) {
      e.preventDefault();
      window.sendFiles(e.clipboardData.files, "chatscope");
    }
  };
  return (
    <div id="chat" style={{ width: 600, height: 400 }} onDragOver={(e) => e.preventDefault()} onDrop={dropped} onPaste={pasted}>
      <MainContainer>
        <ChatContainer>
          <MessageList>
            <Message model={{ message: "Send me the photo from Saturday?", direction: "incoming", position: "single" }} />
          </MessageList>
          <MessageInput placeholder="Type message here" onAttachClick={attach} />
        </ChatContainer>
      </MainContainer>
    </div>
  );
}

createRoot(document.getElementById("root")).render(<Chat />);
