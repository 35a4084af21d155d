# Removing a member: what happened to their seats at meetings still to come.
member-removed-report =
    غړی { $name } له { $org } سازمان څخه لرې شو.
    { $seats }
seat-given = په { $title } غونډه کې یې ځای د انتظار په لړلیک کې بل کس ته ورکړل شو، او هغه ته خبر ورکړل شو.
seat-freed = په { $title } غونډه کې یې ځای بیا خالي دی؛ د انتظار په لړلیک کې څوک نه و.
seat-none = په راتلونکو غونډو کې یې ځای نه درلود.
