# Who may see what: refusals for people outside the network.
error-network-only = این بخش تنها برای اعضای نهادهای شبکه است. با لینک دعوتی که مدیر نهادتان می‌دهد (یا کد همراه با ⁦/join⁩) به نهاد خود بپیوندید، یا با ⁦/register⁩ نهاد تازه‌ای ثبت کنید.
